package org.connectivitybox.css.store;

/**
 * Where a registered box is in Phases II and III of configuration (Figure 15).
 *
 * <pre>
 * REGISTERED ──parameters 191 taken (204)──▶ DOWNLOADED ──CONNECT with the CB certificate──▶ CONFIGURED
 *     │                                         │
 *     └──────── any Phase II or III error ──────┴──▶ FAILED (error, detail)
 * </pre>
 *
 * A new configuration login starts Phase II again from any state (a box whose download failed
 * tries again; a reconfigured box downloads anew).
 */
public enum ConfigurationState {
  REGISTERED, DOWNLOADED, CONFIGURED, FAILED
}
