package org.connectivitybox.protocols.pstn;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.hal.serial.LineState;
import org.connectivitybox.hal.serial.ModemStatus;
import org.connectivitybox.hal.serial.ReadResult;
import org.connectivitybox.hal.serial.SerialLine;
import org.connectivitybox.hal.serial.SerialLineException;
import org.connectivitybox.hal.serial.SerialLineException.Kind;

/**
 * A fake serial line for scripted conversations: what the driver writes is kept as text (DTR
 * changes appear as {@code {DTR off}} / {@code {DTR on}}), what the "modem" says is queued for
 * the driver's reads.
 */
final class ScriptedLine implements SerialLine {
  private final LinkedBlockingQueue<byte[]> toDriver = new LinkedBlockingQueue<>();
  private final StringBuilder written = new StringBuilder();
  private volatile boolean open = true;
  private volatile boolean broken;
  private volatile LineState dcd = LineState.UNKNOWN;
  private byte[] rest;

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public void write(byte[] bytes) throws SerialLineException {
    check();
    synchronized (written) {
      written.append(new String(bytes, ISO_8859_1));
      written.notifyAll();
    }
  }

  @Override
  public ReadResult read(int maxBytes, Duration timeout) throws SerialLineException {
    check();
    byte[] chunk = rest;
    rest = null;
    if (chunk == null) {
      try {
        chunk = toDriver.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SerialLineException(Kind.IO, "interrupted");
      }
      check();
    }
    if (chunk == null) {
      return new ReadResult.TimedOut(timeout);
    }
    if (chunk.length > maxBytes) {
      rest = Arrays.copyOfRange(chunk, maxBytes, chunk.length);
      chunk = Arrays.copyOf(chunk, maxBytes);
    }
    return new ReadResult.Data(chunk);
  }

  @Override
  public ModemStatus status() throws SerialLineException {
    check();
    return new ModemStatus(dcd, LineState.UNKNOWN, LineState.UNKNOWN, LineState.UNKNOWN);
  }

  @Override
  public void setDtr(boolean on) throws SerialLineException {
    write((on ? "{DTR on}" : "{DTR off}").getBytes(ISO_8859_1));
  }

  @Override
  public void setRts(boolean on) throws SerialLineException {
    check();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }

  private void check() throws SerialLineException {
    if (!open) {
      throw new SerialLineException(Kind.CLOSED, "scripted line closed");
    }
    if (broken) {
      throw new SerialLineException(Kind.IO, "scripted line broke");
    }
  }

  // ---- the modem's side, for the script ----

  void say(String text) {
    toDriver.add(text.getBytes(ISO_8859_1));
  }

  void dcd(LineState state) {
    dcd = state;
  }

  void breakLine() {
    broken = true;
  }

  /** Waits (at most 5 s) until the driver has written {@code expected} next, and consumes it. */
  void expect(String expected) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    synchronized (written) {
      while (written.length() < expected.length()
          && expected.startsWith(written.toString())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          written.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail("interrupted");
        }
      }
      String got = written.substring(0, Math.min(written.length(), expected.length()));
      if (!got.equals(expected)) {
        fail("expected the box to send " + show(expected) + " but it sent " + show(written));
      }
      written.delete(0, expected.length());
    }
  }

  /** Asserts the driver has written nothing that the script has not consumed. */
  void assertNothingWritten() {
    synchronized (written) {
      assertEquals(show(""), show(written), "the box sent more than the script expects");
    }
  }

  static String show(CharSequence s) {
    return "\"" + s.toString().replace("\r", "\\r").replace("\n", "\\n") + "\"";
  }
}
