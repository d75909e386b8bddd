package org.connectivitybox.pstnsim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A computer attached to a simulated line: sends AT commands and data over TCP and waits, with a
 * timeout, for what the modem says. Everything received is kept; {@link #await} consumes up to
 * and including the awaited text.
 */
final class AtClient implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);

  private final Socket socket;
  private final OutputStream out;
  private final Thread reader;
  private final StringBuilder received = new StringBuilder();
  private int mark;
  private boolean eof;

  AtClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    reader = new Thread(() -> {
      byte[] buf = new byte[4096];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (this) {
            received.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            notifyAll();
          }
        }
      } catch (IOException e) {
        // closed
      }
      synchronized (this) {
        eof = true;
        notifyAll();
      }
    }, "AtClient " + port);
    reader.setDaemon(true);
    reader.start();
  }

  /** Sends text as it is. */
  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends a command line and returns what came back up to and including its final result. */
  String command(String line) throws IOException, InterruptedException {
    send(line + "\r");
    return awaitAny("\r\nOK\r\n", "\r\nERROR\r\n", "\r\nNO CARRIER\r\n", "\r\nBUSY\r\n",
        "\r\nNO DIALTONE\r\n", "\r\nNO ANSWER\r\n", "\r\nCONNECT", "\r\nDELAYED\r\n",
        "\r\nBLACKLISTED\r\n");
  }

  /** Waits for {@code text}; returns everything up to and including it. */
  String await(String text) throws InterruptedException {
    return awaitAny(text);
  }

  /** Waits for the first of several texts, at most {@link #WAIT}. */
  synchronized String awaitAny(String... texts) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      int best = -1;
      String found = null;
      for (String t : texts) {
        int i = received.indexOf(t, mark);
        if (i >= 0 && (best < 0 || i < best)) {
          best = i;
          found = t;
        }
      }
      if (found != null) {
        int end = best + found.length();
        if (found.equals("\r\nCONNECT")) {
          int crlf = received.indexOf("\r\n", end);
          while (crlf < 0 && System.nanoTime() < deadline) {
            wait(10);
            crlf = received.indexOf("\r\n", end);
          }
          end = crlf < 0 ? received.length() : crlf + 2;
        }
        String s = received.substring(mark, end);
        mark = end;
        return s;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || eof) {
        throw new AssertionError("waited for " + String.join(" | ", texts).replace("\r\n", "\\r\\n")
            + (eof ? " (connection closed)" : "") + "; got: "
            + received.substring(mark).replace("\r", "\\r").replace("\n", "\\n"));
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** Waits until at least {@code n} bytes arrived after the mark; returns and consumes them. */
  synchronized String awaitBytes(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.length() - mark < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || eof) {
        throw new AssertionError("waited for " + n + " bytes, got " + (received.length() - mark));
      }
      wait(Math.max(1, left / 1_000_000));
    }
    String s = received.substring(mark, mark + n);
    mark += n;
    return s;
  }

  /** What arrived after the mark so far, without consuming it. */
  synchronized String pending() {
    return received.substring(mark);
  }

  /** True once the simulator closed the connection. */
  synchronized boolean closedByPeer(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!eof && System.nanoTime() < deadline) {
      wait(10);
    }
    return eof;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
