/**
 * Injected time for the devices: a {@link org.connectivitybox.hal.time.Ticker} that reads a
 * monotonic clock, a {@link org.connectivitybox.hal.time.Scheduler} that runs delayed tasks and a
 * {@link org.connectivitybox.hal.time.Pause} that waits, so that tests drive keypad debounce and
 * LCD timings without sleeping. (The protocol stack has its own scheduler; {@code hal} depends on
 * nothing of it.)
 */
package org.connectivitybox.hal.time;
