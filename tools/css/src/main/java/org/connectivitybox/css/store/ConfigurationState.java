package org.connectivitybox.css.store;

/**
 * Where a registered box is in Phases II and III of configuration (Figure 15).
 *
 * <pre>
 * REGISTERED ──parameters 191 taken (204)──▶ DOWNLOADED ──CONNECT with the CB certificate──▶ CONFIGURED
 *     │                                         │
 *     └──────── any Phase II or III error ──────┴──▶ FAILED (error, detail)
 *
 * any state ──admin reconfigure (sequence number +1 or +2)──▶ RECONFIGURING
 * RECONFIGURING ──+1: Phase II through the configuration NAP──▶ DOWNLOADED ──▶ CONFIGURED
 * RECONFIGURING ──+2: PUT to the box on line through its local NAP (204)──▶ CONFIGURED
 * </pre>
 *
 * A new configuration login starts Phase II again from any state (a box whose download failed
 * tries again; a reconfigured box downloads anew).
 */
public enum ConfigurationState {
  REGISTERED, DOWNLOADED, CONFIGURED, FAILED,
  /** The admin API bumped the configuration sequence number; the box has not taken new
   *  parameters 191 yet (detail: through which NAP, and the new number). */
  RECONFIGURING
}
