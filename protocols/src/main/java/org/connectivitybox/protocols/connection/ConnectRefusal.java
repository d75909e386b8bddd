package org.connectivitybox.protocols.connection;

/** Why the CSS refused a CONNECT (Figure 7, leaving Checking without a connection). */
public enum ConnectRefusal {
  /** No subscriber record holds the CB ID of the client certificate. */
  NO_SUBSCRIBER_RECORD,
  /** The record exists but is not a current valid subscriber (suspended, cancelled, unpaid). */
  NOT_A_VALID_SUBSCRIBER
}
