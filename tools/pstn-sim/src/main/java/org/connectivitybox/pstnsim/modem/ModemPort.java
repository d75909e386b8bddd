package org.connectivitybox.pstnsim.modem;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import org.tinylog.Logger;

/**
 * The serial port of one emulated modem, as a TCP port on 127.0.0.1: one computer at a time
 * (a second connection is closed after at most half a second, the time the first one's
 * end is given to arrive), and closing the connection is a DTR drop (the modem
 * hangs up and resets).
 *
 * <p>{@link #close} stops accepting, closes the attached connection and joins its threads.
 */
public final class ModemPort implements AutoCloseable {
  private static final long RECONNECT_GRACE_MILLIS = 500;

  private final HayesModem modem;
  private final ServerSocket server;
  private final Thread acceptor;
  private volatile Socket client;
  private volatile Thread reader;
  private volatile boolean closed;

  /**
   * Opens the port.
   *
   * @param port the TCP port, 0 for an ephemeral one
   * @throws IOException if the port cannot be bound
   */
  public ModemPort(HayesModem modem, int port) throws IOException {
    this.modem = modem;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    this.acceptor = new Thread(this::accept, "line " + modem.number() + " port");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The bound TCP port. */
  public int port() {
    return server.getLocalPort();
  }

  public HayesModem modem() {
    return modem;
  }

  private void accept() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread r = reader;
      if (r != null && r.isAlive()) {
        // The last computer may have just closed and its reader not yet seen the end of the
        // stream: give it a moment before turning the new one away.
        try {
          r.join(RECONNECT_GRACE_MILLIS);
        } catch (InterruptedException e) {
          closeQuietly(s);
          return;
        }
        if (r.isAlive()) {
          closeQuietly(s); // one computer at a time
          continue;
        }
      }
      client = s;
      Thread t = new Thread(() -> serve(s), "line " + modem.number() + " reader");
      t.setDaemon(true);
      reader = t;
      t.start();
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      modem.attach(new BufferedOutputStream(s.getOutputStream()));
      Logger.info("line {}: computer attached", modem.number());
      InputStream in = s.getInputStream();
      byte[] buf = new byte[512];
      int n;
      while ((n = in.read(buf)) > 0) {
        modem.input(buf, n);
      }
    } catch (SocketException e) {
      // closed by us or reset by the computer: both are a DTR drop
    } catch (IOException e) {
      Logger.warn("line {}: {}", modem.number(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      modem.detach();
      Logger.info("line {}: computer detached (DTR drop)", modem.number());
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    Socket c = client;
    if (c != null) {
      closeQuietly(c);
    }
    try {
      acceptor.join(2000);
      Thread r = reader;
      if (r != null) {
        r.interrupt();
        r.join(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // nothing left to do
    }
  }
}
