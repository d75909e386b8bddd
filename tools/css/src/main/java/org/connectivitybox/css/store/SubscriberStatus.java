package org.connectivitybox.css.store;

/** Whether the CSS serves a subscriber; a revoked one is refused on every operational URL. */
public enum SubscriberStatus {
  ACTIVE,
  REVOKED
}
