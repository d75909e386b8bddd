package org.connectivitybox.hal.serial;

import java.io.Closeable;
import java.time.Duration;

/**
 * A byte line to a modem: write bytes, read with a timeout, read the modem-status lines, set DTR
 * and RTS.
 *
 * <p>Threading: one thread may read while another writes or sets control lines; reads are not
 * meant to be shared between threads. After {@link #close()} every call fails with {@link
 * SerialLineException.Kind#CLOSED}, and a read blocked at the time returns or fails within its
 * timeout.
 */
public interface SerialLine extends Closeable {

  /** The spec the line was opened with, for messages and thread names. */
  String name();

  /**
   * Writes all of {@code bytes} to the line.
   *
   * @throws SerialLineException CLOSED after close, IO if the line refused the bytes
   */
  void write(byte[] bytes) throws SerialLineException;

  /**
   * Waits at most {@code timeout} for bytes and returns what arrived (at most {@code maxBytes}),
   * or {@link ReadResult.TimedOut} if nothing did.
   *
   * @throws SerialLineException CLOSED after close or when the far end closed, IO on a line error
   */
  ReadResult read(int maxBytes, Duration timeout) throws SerialLineException;

  /**
   * The modem-status lines DCD, RI, DSR and CTS; each {@link LineState#UNKNOWN} where the line
   * cannot report them (pseudo-terminals, TCP).
   *
   * @throws SerialLineException CLOSED after close
   */
  ModemStatus status() throws SerialLineException;

  /**
   * Raises or drops DTR; dropping DTR makes a modem configured with {@code &D2} hang up.
   *
   * @throws SerialLineException CLOSED after close, IO if the line has no DTR it can set
   */
  void setDtr(boolean on) throws SerialLineException;

  /**
   * Raises or drops RTS; lines without RTS ignore this.
   *
   * @throws SerialLineException CLOSED after close, IO if the device refused
   */
  void setRts(boolean on) throws SerialLineException;

  /** Whether the line is open (not yet closed by {@link #close()}). */
  boolean isOpen();

  /** Closes the line; idempotent, never throws. */
  @Override
  void close();
}
