package org.connectivitybox.pstnsim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.pstnsim.nap.RadiusGateway;
import org.tinyradius.packet.AccessRequest;
import org.tinyradius.packet.AccountingRequest;
import org.tinyradius.packet.RadiusPacket;
import org.tinyradius.util.RadiusException;
import org.tinyradius.util.RadiusServer;

/**
 * A RADIUS server on 127.0.0.1 (tinyradius) that knows one user and keeps every request it got,
 * for tests that need to look at the attributes. The FreeRADIUS test is the foreign check.
 */
final class FakeRadius extends RadiusServer implements AutoCloseable {
  static final String SECRET = "s3cret";

  final BlockingQueue<AccessRequest> access = new LinkedBlockingQueue<>();
  final BlockingQueue<AccountingRequest> accounting = new LinkedBlockingQueue<>();
  private final String user;
  private final String password;

  FakeRadius(String user, String password) {
    RadiusGateway.quietTinyradius(); // it would log User-Password in hex
    this.user = user;
    this.password = password;
    setListenAddress(InetAddress.getLoopbackAddress());
    setAuthPort(FreePorts.udp());
    setAcctPort(FreePorts.udp());
    start(true, true);
  }

  @Override
  public String getSharedSecret(InetSocketAddress client) {
    return SECRET;
  }

  @Override
  public String getUserPassword(String userName) {
    return userName.equals(user) ? password : null;
  }

  @Override
  public RadiusPacket accessRequestReceived(AccessRequest request, InetSocketAddress client)
      throws RadiusException {
    access.add(request);
    RadiusPacket reply = super.accessRequestReceived(request, client);
    if (reply.getPacketType() == RadiusPacket.ACCESS_REJECT) {
      reply.addAttribute("Reply-Message", "unknown user or wrong password");
    }
    return reply;
  }

  @Override
  public RadiusPacket accountingRequestReceived(AccountingRequest request,
      InetSocketAddress client) throws RadiusException {
    accounting.add(request);
    return super.accountingRequestReceived(request, client);
  }

  AccountingRequest nextAccounting(Duration timeout) throws InterruptedException {
    AccountingRequest r = accounting.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("no Accounting-Request within " + timeout);
    }
    return r;
  }

  @Override
  public void close() {
    stop();
  }
}
