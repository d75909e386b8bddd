/**
 * Injected time for the protocol entities: the {@link org.connectivitybox.protocols.time.Scheduler}
 * that runs their timeouts, so that tests fire every timeout at once instead of sleeping.
 */
package org.connectivitybox.protocols.time;
