package org.connectivitybox.css.radius;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import org.connectivitybox.css.radius.LoginCheck.Decision;
import org.connectivitybox.css.store.NapSession;
import org.connectivitybox.css.store.NapSessions;
import org.connectivitybox.css.store.StoreException;
import org.tinyradius.attribute.IntegerAttribute;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.packet.AccessRequest;
import org.tinyradius.packet.AccountingRequest;
import org.tinyradius.packet.RadiusPacket;
import org.tinyradius.util.RadiusException;
import org.tinyradius.util.RadiusServer;
import org.tinylog.Logger;

/**
 * The tinyradius server under {@link CssRadius}: secrets by NAS address, PAP logins through
 * {@link LoginCheck}, accounting into {@link NapSessions}.
 *
 * <p>tinyradius logs every packet (User-Password included, in hex) through commons-logging,
 * which in the CSS resolves to java.util.logging: the {@code org.tinyradius} logger is switched
 * off when this class loads, and this class logs what an operator needs (the user name and the
 * decision, never a password) through tinylog.
 */
final class TinyradiusServer extends RadiusServer {
  /** Held so that java.util.logging cannot forget the level (it keeps loggers weakly). */
  private static final java.util.logging.Logger TINYRADIUS_LOG =
      java.util.logging.Logger.getLogger("org.tinyradius");

  static {
    TINYRADIUS_LOG.setLevel(Level.OFF);
  }

  /** The only Reply-Message of a refused login: it never says which part was wrong. */
  static final String REFUSED = "login refused: unknown user, wrong password or login not allowed";
  static final String PAP_ONLY = "login refused: only PAP is supported";

  private final Map<InetAddress, String> secrets;
  private final LoginCheck logins;
  private final NapSessions sessions;
  private final ConfigurationLogins configurationLogins;
  private final DatagramSocket authSocket;
  private final DatagramSocket acctSocket;
  /** NAS addresses already reported as unknown (a flood is logged once per address). */
  private final Set<InetAddress> unknownReported = ConcurrentHashMap.newKeySet();

  TinyradiusServer(Map<InetAddress, String> secrets, LoginCheck logins, NapSessions sessions,
      ConfigurationLogins configurationLogins, DatagramSocket authSocket,
      DatagramSocket acctSocket, java.util.concurrent.ExecutorService executor) {
    this.secrets = secrets;
    this.logins = logins;
    this.sessions = sessions;
    this.configurationLogins = configurationLogins;
    this.authSocket = authSocket;
    this.acctSocket = acctSocket;
    this.executor = executor;
  }

  // The sockets are bound by CssRadius (so a taken port fails at start, and port 0 works) and
  // served by its own threads through listen(); tinyradius's start() is not used, because its
  // threads would close its own (then unset) socket fields when they end.

  @Override
  protected DatagramSocket getAuthSocket() {
    return authSocket;
  }

  @Override
  protected DatagramSocket getAcctSocket() {
    return acctSocket;
  }

  /** tinyradius tells authentication from accounting by the packet's local port. */
  @Override
  public int getAuthPort() {
    return authSocket.getLocalPort();
  }

  @Override
  public int getAcctPort() {
    return acctSocket.getLocalPort();
  }

  /** Serves one socket until {@link #stop()}; runs on the caller's thread. */
  void serve(DatagramSocket socket) {
    listen(socket);
  }

  @Override
  public String getSharedSecret(InetSocketAddress client) {
    String secret = secrets.get(client.getAddress());
    if (secret == null && unknownReported.size() < 1000
        && unknownReported.add(client.getAddress())) {
      Logger.warn("radius: ignoring packets from {}, which is no --radius-client",
          client.getAddress().getHostAddress());
    }
    return secret; // null: tinyradius drops the packet unanswered
  }

  @Override
  public String getUserPassword(String userName) {
    return null; // never used: accessRequestReceived decides (the CSS keeps only hashes)
  }

  @Override
  protected boolean isPacketDuplicate(RadiusPacket packet, InetSocketAddress address) {
    synchronized (this) { // tinyradius keeps its duplicate list in a plain HashMap
      return super.isPacketDuplicate(packet, address);
    }
  }

  @Override
  public RadiusPacket accessRequestReceived(AccessRequest request, InetSocketAddress client) {
    String user = request.getUserName();
    String nas = printable(nas(request, client));
    String shown = printable(user);
    if (!AccessRequest.AUTH_PAP.equals(request.getAuthProtocol())) {
      Logger.info("radius: Access-Reject for {} from NAS {}: {} is not supported", shown, nas,
          request.getAuthProtocol());
      return reject(request, PAP_ONLY);
    }
    char[] password = request.getUserPassword() == null ? new char[0]
        : request.getUserPassword().toCharArray();
    Decision decision;
    try {
      decision = logins.check(user, password);
    } catch (StoreException e) {
      Logger.error("radius: no answer to the login of {} from NAS {}: {}", shown, nas,
          e.getMessage());
      return null; // the NAS retries, or asks another server
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
    if (decision.accepted()) {
      Logger.info("radius: Access-Accept for {} from NAS {} ({})", shown, nas, decision.reason());
      RadiusPacket accept = new RadiusPacket(RadiusPacket.ACCESS_ACCEPT,
          request.getPacketIdentifier());
      accept.addAttribute("Service-Type", "Framed-User");
      accept.addAttribute("Framed-Protocol", "PPP");
      copyProxyState(request, accept);
      return accept;
    }
    Logger.info("radius: Access-Reject for {} from NAS {} ({})", shown, nas, decision.reason());
    return reject(request, REFUSED);
  }

  private RadiusPacket reject(AccessRequest request, String message) {
    RadiusPacket reject = new RadiusPacket(RadiusPacket.ACCESS_REJECT,
        request.getPacketIdentifier());
    reject.addAttribute("Reply-Message", message);
    copyProxyState(request, reject);
    return reject;
  }

  @Override
  public RadiusPacket accountingRequestReceived(AccountingRequest request,
      InetSocketAddress client) throws RadiusException {
    int status = request.getAcctStatusType();
    String nas = nas(request, client);
    String shownNas = printable(nas);
    String sessionId = value(request, "Acct-Session-Id");
    String user = value(request, "User-Name");
    if (status == AccountingRequest.ACCT_STATUS_TYPE_START
        || status == AccountingRequest.ACCT_STATUS_TYPE_STOP
        || status == AccountingRequest.ACCT_STATUS_TYPE_INTERIM_UPDATE) {
      if (sessionId == null || user == null) {
        Logger.warn("radius: Accounting-Request from NAS {} without Acct-Session-Id or User-Name"
            + " answered, not recorded", shownNas);
        return super.accountingRequestReceived(request, client);
      }
      LoginName login = logins.name(user);
      NapSessions.Report report = report(request, nas, sessionId, user, login);
      try {
        switch (status) {
          case AccountingRequest.ACCT_STATUS_TYPE_START -> sessions.started(report);
          case AccountingRequest.ACCT_STATUS_TYPE_STOP -> sessions.stopped(report);
          default -> sessions.updated(report);
        }
      } catch (StoreException e) {
        // RFC 2866: no Accounting-Response unless the record is kept; the NAS sends it again.
        Logger.error("radius: accounting of session {} from NAS {} not recorded, not answered:"
            + " {}", printable(sessionId), shownNas, e.getMessage());
        return null;
      }
      Logger.info("radius: Accounting-{} of {} session {} at {} from NAS {}", statusName(status),
          printable(user), printable(sessionId), printable(report.framedIpAddress()), shownNas);
      if (status == AccountingRequest.ACCT_STATUS_TYPE_START
          && login instanceof LoginName.Configuration c) {
        handOn(c, report, nas, sessionId);
      }
    } else {
      Logger.info("radius: Accounting-{} from NAS {}", statusName(status), shownNas);
    }
    return super.accountingRequestReceived(request, client);
  }

  private void handOn(LoginName.Configuration c, NapSessions.Report report, String nas,
      String sessionId) {
    InetAddress address = ipv4(report.framedIpAddress());
    if (address == null) {
      Logger.warn("radius: Accounting-Start of configuration login {} from NAS {} has no"
          + " Framed-IP-Address: the configuration manager cannot reach the box", c.serial(),
          printable(nas));
      return;
    }
    try {
      configurationLogins.started(new ConfigurationLogin(c.serial(), address, nas, sessionId));
    } catch (RuntimeException e) {
      Logger.error(e, "radius: the configuration manager failed on the login of {}", c.serial());
    }
  }

  private static NapSessions.Report report(AccountingRequest r, String nas, String sessionId,
      String user, LoginName login) {
    NapSession.LoginKind kind = NapSession.LoginKind.OTHER;
    String serial = null;
    String cbId = null;
    if (login instanceof LoginName.Configuration c) {
      kind = NapSession.LoginKind.CONFIGURATION;
      serial = c.serial().value();
    } else if (login instanceof LoginName.Subscriber s) {
      kind = NapSession.LoginKind.SUBSCRIBER;
      cbId = s.cbId().value();
    }
    Integer cause = integer(r, "Acct-Terminate-Cause");
    return new NapSessions.Report(nas, sessionId, user, kind, serial, cbId,
        value(r, "Framed-IP-Address"), value(r, "Calling-Station-Id"),
        value(r, "Called-Station-Id"), unsigned(r, "Acct-Session-Time"),
        unsigned(r, "Acct-Input-Octets"), unsigned(r, "Acct-Output-Octets"), cause);
  }

  /** The NAS as it names itself: NAS-Identifier, else NAS-IP-Address, else the source. */
  private static String nas(RadiusPacket p, InetSocketAddress client) {
    String id = value(p, "NAS-Identifier");
    if (id == null) {
      id = value(p, "NAS-IP-Address");
    }
    return id == null ? client.getAddress().getHostAddress() : id;
  }

  private static String value(RadiusPacket p, String name) {
    RadiusAttribute a;
    try {
      a = p.getAttribute(name);
    } catch (RuntimeException e) {
      return null; // an attribute given twice where once is allowed
    }
    if (a == null) {
      return null;
    }
    String v = a.getAttributeValue();
    return v == null || v.isEmpty() ? null : v;
  }

  private static Integer integer(RadiusPacket p, String name) {
    RadiusAttribute a = p.getAttribute(name);
    return a instanceof IntegerAttribute i ? i.getAttributeValueInt() : null;
  }

  private static Long unsigned(RadiusPacket p, String name) {
    Integer v = integer(p, name);
    return v == null ? null : v & 0xffffffffL;
  }

  private static InetAddress ipv4(String dotted) {
    if (dotted == null || !dotted.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      return null;
    }
    try {
      return InetAddress.getByName(dotted); // a literal: no lookup
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /** A network string as it may appear in a log line: no control characters, at most 80. */
  static String printable(String s) {
    if (s == null) {
      return "(none)";
    }
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replaceAll("[\\p{Cntrl}]", "?");
  }

  private static String statusName(int status) {
    return switch (status) {
      case AccountingRequest.ACCT_STATUS_TYPE_START -> "Start";
      case AccountingRequest.ACCT_STATUS_TYPE_STOP -> "Stop";
      case AccountingRequest.ACCT_STATUS_TYPE_INTERIM_UPDATE -> "Interim-Update";
      case AccountingRequest.ACCT_STATUS_TYPE_ACCOUNTING_ON -> "On";
      case AccountingRequest.ACCT_STATUS_TYPE_ACCOUNTING_OFF -> "Off";
      default -> "Status-" + status;
    };
  }
}
