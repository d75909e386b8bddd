package org.connectivitybox.pstnsim.nap;

import java.io.IOException;
import java.util.logging.Level;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.packet.AccessRequest;
import org.tinyradius.packet.AccountingRequest;
import org.tinyradius.packet.RadiusPacket;
import org.tinyradius.util.RadiusClient;
import org.tinyradius.util.RadiusException;

/**
 * A NAP's RADIUS client (tinyradius): PAP Access-Requests and Accounting Start/Stop with the
 * attributes of docs/pstn.md §3. Calls block up to timeout × (retries + 1); thread-safe (one
 * request at a time).
 *
 * <p>tinyradius logs every packet, User-Password included, at INFO through commons-logging (to
 * java.util.logging here): that logger is switched off before the first packet.
 */
public final class RadiusGateway implements AutoCloseable {
  /** Held so that java.util.logging cannot forget the level (it keeps loggers weakly). */
  private static final java.util.logging.Logger TINYRADIUS_LOG =
      java.util.logging.Logger.getLogger("org.tinyradius");

  static {
    TINYRADIUS_LOG.setLevel(Level.OFF);
  }

  /** Switches tinyradius's logging off (done when this class loads; idempotent). */
  public static void quietTinyradius() {
    TINYRADIUS_LOG.setLevel(Level.OFF);
  }

  /** RFC 2866 Acct-Terminate-Cause values the NAP uses. */
  public enum TerminateCause {
    USER_REQUEST(1), LOST_CARRIER(2), IDLE_TIMEOUT(4), ADMIN_REBOOT(7), NAS_REQUEST(10);

    final int code;

    TerminateCause(int code) {
      this.code = code;
    }
  }

  private final RadiusClient client;
  private final String napName;
  private final String napNumber;

  public RadiusGateway(RadiusSettings settings, String napName, String napNumber) {
    this.client = new RadiusClient(settings.host(), settings.secret());
    client.setAuthPort(settings.authPort());
    client.setAcctPort(settings.acctPort());
    client.setRetryCount(settings.retries() + 1);
    try {
      client.setSocketTimeout((int) settings.timeout().toMillis());
    } catch (java.net.SocketException e) {
      throw new IllegalStateException("cannot set the RADIUS socket timeout", e);
    }
    this.napName = napName;
    this.napNumber = napNumber;
  }

  /**
   * Checks a login with an Access-Request (PAP).
   *
   * @throws IOException if the server does not answer or answers nonsense
   */
  public AuthResult authenticate(String user, String password, String callingNumber)
      throws IOException {
    AccessRequest request = new AccessRequest(user, password);
    request.setAuthProtocol(AccessRequest.AUTH_PAP);
    request.addAttribute("NAS-IP-Address", "127.0.0.1");
    request.addAttribute("NAS-Identifier", napName);
    request.addAttribute("NAS-Port-Type", "Async");
    request.addAttribute("Service-Type", "Framed-User");
    request.addAttribute("Framed-Protocol", "PPP");
    request.addAttribute("Called-Station-Id", napNumber);
    request.addAttribute("Calling-Station-Id", callingNumber);
    RadiusPacket reply = exchange(() -> client.authenticate(request));
    if (reply.getPacketType() == RadiusPacket.ACCESS_ACCEPT) {
      return AuthResult.accept();
    }
    if (reply.getPacketType() == RadiusPacket.ACCESS_REJECT) {
      RadiusAttribute message = reply.getAttribute("Reply-Message");
      String reason = message == null ? "" : message.getAttributeValue().replaceAll("\\s+", " ").trim();
      return AuthResult.reject(reason.isEmpty() ? "authentication failed" : reason);
    }
    throw new IOException("RADIUS answered with packet type " + reply.getPacketType());
  }

  /** Sends an Accounting-Start for a session that got an address. */
  public void accountingStart(String sessionId, String user, String address, String callingNumber)
      throws IOException {
    AccountingRequest request = accounting(sessionId, user, address, callingNumber,
        AccountingRequest.ACCT_STATUS_TYPE_START);
    exchange(() -> client.account(request));
  }

  /** Sends an Accounting-Stop with the session's time, octets and terminate cause. */
  public void accountingStop(String sessionId, String user, String address, String callingNumber,
      long seconds, long inputOctets, long outputOctets, TerminateCause cause) throws IOException {
    AccountingRequest request = accounting(sessionId, user, address, callingNumber,
        AccountingRequest.ACCT_STATUS_TYPE_STOP);
    request.addAttribute("Acct-Session-Time", Long.toString(seconds));
    request.addAttribute("Acct-Input-Octets", Long.toString(inputOctets & 0xffffffffL));
    request.addAttribute("Acct-Output-Octets", Long.toString(outputOctets & 0xffffffffL));
    request.addAttribute("Acct-Terminate-Cause", Integer.toString(cause.code));
    exchange(() -> client.account(request));
  }

  private AccountingRequest accounting(String sessionId, String user, String address,
      String callingNumber, int status) {
    AccountingRequest request = new AccountingRequest(user, status);
    request.addAttribute("Acct-Session-Id", sessionId);
    request.addAttribute("Framed-IP-Address", address);
    request.addAttribute("NAS-IP-Address", "127.0.0.1");
    request.addAttribute("NAS-Identifier", napName);
    request.addAttribute("NAS-Port-Type", "Async");
    request.addAttribute("Service-Type", "Framed-User");
    request.addAttribute("Framed-Protocol", "PPP");
    request.addAttribute("Called-Station-Id", napNumber);
    request.addAttribute("Calling-Station-Id", callingNumber);
    return request;
  }

  private interface Exchange {
    RadiusPacket run() throws IOException, RadiusException;
  }

  private static RadiusPacket exchange(Exchange e) throws IOException {
    try {
      RadiusPacket reply = e.run();
      if (reply == null) {
        throw new IOException("no answer from the RADIUS server");
      }
      return reply;
    } catch (RadiusException ex) {
      throw new IOException("RADIUS: " + ex.getMessage(), ex);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
