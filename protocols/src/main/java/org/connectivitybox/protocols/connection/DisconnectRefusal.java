package org.connectivitybox.protocols.connection;

/**
 * Why the CSS did not confirm a DISCONNECT; the box goes back On Line (Figure 3). The
 * specification does not say when the CSS may refuse; this system refuses only for this reason.
 */
public enum DisconnectRefusal {
  /** This box is an end of an Active job whose final METERING it has not sent yet. */
  JOB_IN_PROGRESS
}
