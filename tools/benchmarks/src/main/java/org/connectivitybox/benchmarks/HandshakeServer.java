package org.connectivitybox.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.tls.TlsContext;

/**
 * A loopback mutual-TLS server that answers the fixed exchange of {@link HandshakeMeter}, one
 * connection at a time on one thread, and measures that thread's CPU time per handshake.
 *
 * <p>The conversation per connection, after the handshake:
 *
 * <pre>
 *   client                     server
 *     | -- 1 byte (ping) -------> |
 *     | <------- 1 byte (pong) -- |   CPU time measured up to here
 *     | -- 1 byte (ping) -------> |
 *     | <------- 1 byte (pong) -- |
 *     | -- close ---------------> |
 * </pre>
 *
 * <p>Each connection's {@link ServerSample} is queued for {@link #next(long)}. Closing the server
 * stops the thread; a connection that fails is reported as a failed sample, not thrown, and a
 * failed accept ends the thread.
 */
final class HandshakeServer implements AutoCloseable {
  private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

  private final SSLServerSocket listener;
  private final BlockingQueue<ServerSample> samples = new ArrayBlockingQueue<>(16);
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Thread thread;

  HandshakeServer(TlsContext css) throws IOException {
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    threads.setThreadCpuTimeEnabled(true);
    listener = css.newServerSocket(InetAddress.getLoopbackAddress(), 0, 16);
    thread = new Thread(this::serve, "tls-bytes-server");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The next connection's sample, waiting at most {@code timeoutMillis}. */
  ServerSample next(long timeoutMillis) throws InterruptedException {
    ServerSample s = samples.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    return s != null ? s : ServerSample.failed(new IOException("no server sample within "
        + timeoutMillis + " ms"));
  }

  private void serve() {
    while (!listener.isClosed()) {
      SSLSocket s;
      try {
        s = (SSLSocket) listener.accept();
      } catch (IOException e) {
        if (!listener.isClosed()) {
          samples.offer(ServerSample.failed(e)); // and stop: the client times out and reports
        }
        return;
      }
      ServerSample sample = answer(s);
      try {
        s.close();
      } catch (IOException e) {
        // the client has gone already; its sample is complete
      }
      try {
        samples.put(sample);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private ServerSample answer(SSLSocket s) {
    try {
      s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      s.setTcpNoDelay(true); // no Nagle wait between the records of a flight
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      long before = threads.getCurrentThreadCpuTime();
      s.startHandshake();
      pong(in, out);
      long cpu = threads.getCurrentThreadCpuTime() - before;
      SSLSession session = s.getSession();
      pong(in, out);
      if (in.read() != -1) {
        throw new IOException("the client sent more than two pings");
      }
      return new ServerSample(cpu, HexFormat.of().formatHex(session.getId()),
          session.getCreationTime(), null);
    } catch (IOException e) {
      return ServerSample.failed(e);
    }
  }

  private static void pong(InputStream in, OutputStream out) throws IOException {
    if (in.read() != 'p') {
      throw new IOException("expected a ping");
    }
    out.write('P');
    out.flush();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    try {
      thread.join(SOCKET_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
