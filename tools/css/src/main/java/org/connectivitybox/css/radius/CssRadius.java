package org.connectivitybox.css.radius;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectivitybox.css.store.Repositories;
import org.tinylog.Logger;

/**
 * The CSS's RADIUS server (RFC 2865 authentication, RFC 2866 accounting): the configuration
 * authorisation server of Figure 15 and the subscribers' local NAP authentication, in one.
 *
 * <pre>
 *   NAP (pstn-sim, pppd, a NAS) ── UDP auth ──▶ {@link TinyradiusServer} ─▶ {@link LoginCheck}
 *        │   Access-Request (PAP)                 secret by NAS address      ├ serial@config_domain:
 *        │   ◀── Access-Accept / -Reject            (unknown NAS: silence)    │   legitimate_serials
 *        │                                                                   └ cbId@subscriber_domain:
 *        └── UDP acct ──▶ Accounting-Request ─▶ nap_sessions                     subscribers
 *            ◀── Accounting-Response             └ Start of serial@config_domain ─▶ {@link ConfigurationLogins}
 * </pre>
 *
 * <p>Both sockets are bound in {@link #start} (so a taken port fails there); one thread listens
 * on each and two workers serve the requests. {@link #close()} stops listening and waits briefly for requests in progress,
 * so it is closed before the database.
 */
public final class CssRadius implements AutoCloseable {
  private final TinyradiusServer server;
  private final DatagramSocket authSocket;
  private final DatagramSocket acctSocket;
  private final ExecutorService workers;
  private final List<Thread> listeners;

  private CssRadius(TinyradiusServer server, DatagramSocket authSocket,
      DatagramSocket acctSocket, ExecutorService workers, List<Thread> listeners) {
    this.server = server;
    this.authSocket = authSocket;
    this.acctSocket = acctSocket;
    this.workers = workers;
    this.listeners = listeners;
  }

  /**
   * Binds the two UDP ports and starts answering.
   *
   * @throws IOException if a port cannot be bound (taken, or an address not of this host)
   * @throws IllegalArgumentException if {@code settings} are {@link RadiusSettings#OFF}
   */
  public static CssRadius start(RadiusSettings settings, Repositories store,
      ConfigurationLogins configurationLogins) throws IOException {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("RADIUS is off");
    }
    InetSocketAddress auth = settings.authListen();
    DatagramSocket authSocket = bind(auth, "authentication");
    DatagramSocket acctSocket;
    try {
      acctSocket = bind(new InetSocketAddress(auth.getAddress(), settings.effectiveAcctPort()),
          "accounting");
    } catch (IOException e) {
      authSocket.close();
      throw e;
    }
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor workers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(1000), r -> {
          Thread t = new Thread(r, "css-radius-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.DiscardPolicy()); // a flood is dropped, as UDP would
    LoginCheck logins = new LoginCheck(store.serials(), store.subscribers(),
        settings.configDomain(), settings.subscriberDomain());
    TinyradiusServer server = new TinyradiusServer(settings.clients(), logins,
        store.napSessions(), configurationLogins, authSocket, acctSocket, workers);
    List<Thread> listeners = List.of(
        listener(server, authSocket, "css-radius-auth"),
        listener(server, acctSocket, "css-radius-acct"));
    listeners.forEach(Thread::start);
    Logger.info("radius: authentication on {}:{}, accounting on port {}, {} NAS client(s),"
        + " realms {} and {}", auth.getAddress().getHostAddress(), authSocket.getLocalPort(),
        acctSocket.getLocalPort(), settings.clients().size(), settings.configDomain(),
        settings.subscriberDomain());
    return new CssRadius(server, authSocket, acctSocket, workers, listeners);
  }

  private static Thread listener(TinyradiusServer server, DatagramSocket socket, String name) {
    Thread t = new Thread(() -> server.serve(socket), name);
    t.setDaemon(true);
    return t;
  }

  private static DatagramSocket bind(InetSocketAddress address, String what) throws IOException {
    try {
      DatagramSocket s = new DatagramSocket(address);
      s.setSoTimeout(1000); // tinyradius's loops look at their closing flag between timeouts
      return s;
    } catch (SocketException e) {
      throw new IOException("cannot listen for RADIUS " + what + " on "
          + address.getAddress().getHostAddress() + ":" + address.getPort() + ": "
          + e.getMessage(), e);
    }
  }

  /** The bound authentication port (useful when 0 was asked for). */
  public int authPort() {
    return authSocket.getLocalPort();
  }

  /** The bound accounting port. */
  public int acctPort() {
    return acctSocket.getLocalPort();
  }

  /** Stops listening and waits up to 5 s for the requests being served. */
  @Override
  public void close() {
    server.stop(); // sets tinyradius's closing flag and shuts the workers down
    authSocket.close();
    acctSocket.close();
    try {
      for (Thread t : listeners) {
        t.join(2000);
      }
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
