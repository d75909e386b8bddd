/**
 * The serial line to the box's modem (modem 30 of the specification): bytes both ways, reads with
 * a timeout, and the modem-status lines.
 *
 * <p>{@link org.connectivitybox.hal.serial.SerialLine} is the face; {@link
 * org.connectivitybox.hal.serial.SerialLines#open} picks the implementation from a line spec: a
 * device path ({@code /dev/ttyUSB0}, {@code /dev/ttyACM0}, a pseudo-terminal) opened with
 * jSerialComm, or {@code tcp:HOST:PORT} for a line of the telephone-network simulator. Nothing of
 * jSerialComm appears in a public signature; its error numbers and boolean returns become
 * {@link org.connectivitybox.hal.serial.SerialLineException}s here.
 */
package org.connectivitybox.hal.serial;
