package org.connectivitybox.css.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.connectivitybox.css.Css;
import org.connectivitybox.css.store.LegitimateSerial;
import org.connectivitybox.css.store.NapPasswordHash;
import org.connectivitybox.css.store.NapSession;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberStatus;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FreeRADIUS's {@code radclient} (Debian package freeradius-utils) as a foreign NAS against the
 * CSS's RADIUS server over real UDP on 127.0.0.1.
 *
 * <pre>
 *   radclient ── Access-Request (PAP) ──────▶ CSS :auth   ◀── Access-Accept / Access-Reject
 *   radclient ── Accounting-Request Start ──▶ CSS :acct   ◀── Accounting-Response
 *                                             └─ nap_sessions, ConfigurationLogins
 * </pre>
 *
 * <p>Everything the CSS and tinyradius log meanwhile (tinylog's standard error and every
 * java.util.logging record) is captured and must not contain a password.
 */
class RadclientTest {
  static final String SECRET = "nas-s3cret";
  static final SerialNumber SERIAL = SerialNumber.of("CB26A-000001");
  static final SerialNumber REVOKED_SERIAL = SerialNumber.of("CB26A-000002");
  static final String CONFIG_PASSWORD = "Cfg7pass7word7abcdefghij";
  static final String NAP_PASSWORD = "Nap7pass7word7abcdefghij";
  static final String CONFIG_DOMAIN = "config.cb.example";
  static final String SUBSCRIBER_DOMAIN = "nasp.cb.example";

  Path data;
  Css css;
  final BlockingQueue<ConfigurationLogin> configurationLogins = new LinkedBlockingQueue<>();
  final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  final List<LogRecord> julRecords = new ArrayList<>();
  PrintStream originalErr;
  Handler julCapture;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(onPath("radclient"), "radclient is not installed (Debian package"
        + " freeradius-utils; .ci/run installs it): the RADIUS tests against it are skipped");
    captureLogs();
    data = Files.createTempDirectory("css-radius");
    Path secretFile = data.resolve("nas.secret");
    Files.writeString(secretFile, SECRET + "\n");
    RadiusSettings radius = new RadiusSettings(new InetSocketAddress("127.0.0.1", 0), 0,
        RadiusSettings.clients(List.of("127.0.0.1=" + secretFile)), CONFIG_DOMAIN,
        SUBSCRIBER_DOMAIN);
    css = Css.start(new Css.Settings(data.resolve("css"), new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), null, null, null).withRadius(radius),
        Clock.systemUTC(), configurationLogins::add);
    var store = css.repositories();
    store.serials().importRows(List.of(legitimate(SERIAL), legitimate(REVOKED_SERIAL)));
    store.serials().revoke(REVOKED_SERIAL);
    for (String id : List.of("cb-alice", "cb-revoked", "cb-nopassword")) {
      store.subscribers().create(SubscriberRecord.newSubscriber(CbId.of(id), "box " + id,
          new TelephoneNumber("5550100"), ZoneId.of("UTC")));
    }
    store.subscribers().setNapPassword(CbId.of("cb-alice"), NAP_PASSWORD.toCharArray());
    store.subscribers().setNapPassword(CbId.of("cb-revoked"), NAP_PASSWORD.toCharArray());
    store.subscribers().setStatus(CbId.of("cb-revoked"), SubscriberStatus.REVOKED);
  }

  @AfterEach
  void stop() throws IOException {
    if (css != null) {
      css.close();
    }
    if (originalErr != null) {
      System.setErr(originalErr);
      java.util.logging.Logger.getLogger("").removeHandler(julCapture);
    }
    if (data != null) {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void aLegitimateSerialWithItsPasswordIsAcceptedAndEverythingElseRejected() throws Exception {
    assertAccept(auth(SERIAL.value() + "@" + CONFIG_DOMAIN, CONFIG_PASSWORD, SECRET));
    assertAccept(auth(SERIAL.value() + "@CONFIG.cb.example", CONFIG_PASSWORD, SECRET));
    String unknown = auth("CB26A-999999@" + CONFIG_DOMAIN, CONFIG_PASSWORD, SECRET);
    String wrong = auth(SERIAL.value() + "@" + CONFIG_DOMAIN, "not-the-password", SECRET);
    String revoked = auth(REVOKED_SERIAL.value() + "@" + CONFIG_DOMAIN, CONFIG_PASSWORD, SECRET);
    for (String out : List.of(unknown, wrong, revoked)) {
      assertReject(out);
      // One generic reason: the NAS (and the box) cannot tell which part was wrong.
      assertTrue(out.contains("Reply-Message = \"" + TinyradiusServer.REFUSED + "\""), out);
    }
    // The serial in the subscriber realm, or in no realm, is not a configuration login.
    assertReject(auth(SERIAL.value() + "@" + SUBSCRIBER_DOMAIN, CONFIG_PASSWORD, SECRET));
    assertReject(auth(SERIAL.value(), CONFIG_PASSWORD, SECRET));
    assertReject(auth(SERIAL.value() + "@elsewhere.example", CONFIG_PASSWORD, SECRET));
    assertNoPasswordLogged();
  }

  @Test
  void anActiveSubscriberWithItsNapPasswordIsAcceptedAndEverythingElseRejected()
      throws Exception {
    assertAccept(auth("cb-alice@" + SUBSCRIBER_DOMAIN, NAP_PASSWORD, SECRET));
    assertReject(auth("cb-alice@" + SUBSCRIBER_DOMAIN, NAP_PASSWORD + "x", SECRET));
    assertReject(auth("cb-revoked@" + SUBSCRIBER_DOMAIN, NAP_PASSWORD, SECRET));
    assertReject(auth("cb-nopassword@" + SUBSCRIBER_DOMAIN, NAP_PASSWORD, SECRET));
    assertReject(auth("cb-nobody@" + SUBSCRIBER_DOMAIN, NAP_PASSWORD, SECRET));
    assertReject(auth("cb-alice@" + CONFIG_DOMAIN, NAP_PASSWORD, SECRET));
    // A generated password works once set, and the old one stops working.
    char[] fresh = css.repositories().subscribers().generateNapPassword(CbId.of("cb-alice"));
    assertAccept(auth("cb-alice@" + SUBSCRIBER_DOMAIN, new String(fresh), SECRET));
    assertReject(auth("cb-alice@" + SUBSCRIBER_DOMAIN, NAP_PASSWORD, SECRET));
    assertNoPasswordLogged();
  }

  @Test
  void aRequestWithTheWrongSharedSecretGetsNoAccept() throws Exception {
    String out = auth(SERIAL.value() + "@" + CONFIG_DOMAIN, CONFIG_PASSWORD, "wrong-secret");
    assertFalse(out.contains("Received Access-Accept"), out);
    String subscriber = auth("cb-alice@" + SUBSCRIBER_DOMAIN, NAP_PASSWORD, "wrong-secret");
    assertFalse(subscriber.contains("Received Access-Accept"), subscriber);
    // Accounting with the wrong secret fails its authenticator check: no answer at all.
    String acct = radclient("acct", "wrong-secret", accounting("Start", "w-1",
        SERIAL.value() + "@" + CONFIG_DOMAIN, "127.1.0.9", ""));
    assertFalse(acct.contains("Received Accounting-Response"), acct);
    assertTrue(css.repositories().napSessions().latest(10).isEmpty());
    assertTrue(configurationLogins.isEmpty());
  }

  @Test
  void aNasThatIsNoClientGetsNoAnswerEvenWithTheRightSecret() throws Exception {
    // radclient cannot pick its source address, so this NAS is a socket on 127.0.0.2 sending a
    // hand-made RFC 2865 Access-Request; the same bytes from 127.0.0.1 are the control.
    String user = SERIAL.value() + "@" + CONFIG_DOMAIN;
    assertEquals(2, exchange("127.0.0.1", user, CONFIG_PASSWORD), "Access-Accept from a client");
    assertEquals(-1, exchange("127.0.0.2", user, CONFIG_PASSWORD), "no answer to a stranger");
  }

  /** Sends a PAP Access-Request from {@code source}; the answer's code, or -1 after 1.5 s. */
  private int exchange(String source, String user, String password) throws Exception {
    byte[] authenticator = new byte[16];
    new java.security.SecureRandom().nextBytes(authenticator);
    byte[] name = user.getBytes(StandardCharsets.US_ASCII);
    byte[] pad = java.util.Arrays.copyOf(password.getBytes(StandardCharsets.US_ASCII), 32);
    java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
    byte[] previous = authenticator;
    for (int block = 0; block < pad.length; block += 16) { // RFC 2865 5.2
      md5.update(SECRET.getBytes(StandardCharsets.US_ASCII));
      md5.update(previous);
      byte[] b = md5.digest();
      for (int i = 0; i < 16; i++) {
        pad[block + i] ^= b[i];
      }
      previous = java.util.Arrays.copyOfRange(pad, block, block + 16);
    }
    java.nio.ByteBuffer packet = java.nio.ByteBuffer.allocate(20 + 2 + name.length + 2 + 32);
    packet.put((byte) 1).put((byte) 7).putShort((short) packet.capacity()).put(authenticator);
    packet.put((byte) 1).put((byte) (2 + name.length)).put(name);
    packet.put((byte) 2).put((byte) 34).put(pad);
    try (java.net.DatagramSocket s = new java.net.DatagramSocket(
        new InetSocketAddress(source, 0))) {
      s.setSoTimeout(1500);
      s.send(new java.net.DatagramPacket(packet.array(), packet.capacity(),
          new InetSocketAddress("127.0.0.1", css.radius().orElseThrow().authPort())));
      java.net.DatagramPacket answer = new java.net.DatagramPacket(new byte[4096], 4096);
      try {
        s.receive(answer);
        return answer.getData()[0];
      } catch (java.net.SocketTimeoutException e) {
        return -1;
      }
    }
  }

  @Test
  void accountingIsAnsweredAndAConfigurationStartReachesTheListenerAndTheTable()
      throws Exception {
    String user = SERIAL.value() + "@" + CONFIG_DOMAIN;
    String start = radclient("acct", SECRET, accounting("Start", "sess-0001", user, "127.1.0.7",
        ""));
    assertTrue(start.contains("Received Accounting-Response"), start);
    ConfigurationLogin login = configurationLogins.poll(5, TimeUnit.SECONDS);
    assertNotNull(login, "the configuration login reached the listener");
    assertEquals(new ConfigurationLogin(SERIAL, InetAddress.getByName("127.1.0.7"), "nap-test",
        "sess-0001"), login);
    NapSession started = css.repositories().napSessions().latest(1).get(0);
    assertEquals(NapSession.State.STARTED, started.state());
    assertEquals(NapSession.LoginKind.CONFIGURATION, started.loginKind());
    assertEquals(SERIAL.value(), started.serialNumber());
    assertEquals("127.1.0.7", started.framedIpAddress());
    assertEquals("5551001", started.callingStationId());

    String stop = radclient("acct", SECRET, accounting("Stop", "sess-0001", user, "127.1.0.7",
        ", Acct-Session-Time = 42, Acct-Input-Octets = 1000, Acct-Output-Octets = 2000,"
            + " Acct-Terminate-Cause = User-Request"));
    assertTrue(stop.contains("Received Accounting-Response"), stop);
    NapSession stopped = css.repositories().napSessions().latest(1).get(0);
    assertEquals(NapSession.State.STOPPED, stopped.state());
    assertEquals(42L, stopped.sessionSeconds());
    assertEquals(2000L, stopped.outputOctets());
    assertEquals(1, stopped.terminateCause());
    assertNotNull(stopped.stoppedAt());

    // A subscriber's session is recorded too, and is no configuration login.
    String sub = radclient("acct", SECRET, accounting("Start", "sess-0002",
        "cb-alice@" + SUBSCRIBER_DOMAIN, "127.1.0.8", ""));
    assertTrue(sub.contains("Received Accounting-Response"), sub);
    String interim = radclient("acct", SECRET, accounting("Interim-Update", "sess-0002",
        "cb-alice@" + SUBSCRIBER_DOMAIN, "127.1.0.8", ", Acct-Session-Time = 5"));
    assertTrue(interim.contains("Received Accounting-Response"), interim);
    NapSession alice = css.repositories().napSessions().latest(1).get(0);
    assertEquals("cb-alice", alice.cbId());
    assertEquals(NapSession.State.STARTED, alice.state());
    assertEquals(5L, alice.sessionSeconds());
    assertEquals(2, css.repositories().napSessions().latest(10).size());
    assertTrue(configurationLogins.isEmpty(), configurationLogins.toString());
  }

  private static LegitimateSerial legitimate(SerialNumber serial) {
    String sha = HexFormat.of().formatHex(NapPasswordHash.sha256(CONFIG_PASSWORD.toCharArray()));
    return new LegitimateSerial(serial, serial.value() + "@" + CONFIG_DOMAIN, sha, "ab".repeat(32),
        Instant.parse("2051-01-01T00:00:00Z"), "test-manifest.csv");
  }

  private static String accounting(String status, String session, String user, String address,
      String more) {
    return "Acct-Status-Type = " + status + ", Acct-Session-Id = \"" + session
        + "\", User-Name = \"" + user + "\", Framed-IP-Address = " + address
        + ", NAS-IP-Address = 127.0.0.1, NAS-Identifier = \"nap-test\", NAS-Port-Type = Async,"
        + " Service-Type = Framed-User, Framed-Protocol = PPP, Called-Station-Id = \"0845\","
        + " Calling-Station-Id = \"5551001\"" + more;
  }

  private String auth(String user, String password, String secret) throws Exception {
    return radclient("auth", secret, "User-Name = \"" + user + "\", User-Password = \""
        + password + "\", NAS-IP-Address = 127.0.0.1, NAS-Identifier = \"nap-test\","
        + " NAS-Port-Type = Async, Service-Type = Framed-User, Framed-Protocol = PPP");
  }

  /** Runs radclient once (one try, 2 s) and returns what it printed. */
  private String radclient(String kind, String secret, String attributes) throws Exception {
    int port = kind.equals("auth") ? css.radius().orElseThrow().authPort()
        : css.radius().orElseThrow().acctPort();
    Process p = new ProcessBuilder("radclient", "-x", "-r", "1", "-t", "2",
        "127.0.0.1:" + port, kind, secret).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write((attributes + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "radclient ended");
    return out;
  }

  private static void assertAccept(String out) {
    assertTrue(out.contains("Received Access-Accept"), out);
  }

  private static void assertReject(String out) {
    assertTrue(out.contains("Received Access-Reject"), out);
  }

  private void captureLogs() {
    originalErr = System.err;
    PrintStream tee = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        captured.write(b);
        originalErr.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        captured.write(b, off, len);
        originalErr.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    System.setErr(tee);
    julCapture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        synchronized (julRecords) {
          julRecords.add(r);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    julCapture.setLevel(java.util.logging.Level.ALL);
    java.util.logging.Logger.getLogger("").addHandler(julCapture);
  }

  /** Neither the passwords nor their hex (tinyradius's form) appear in anything logged. */
  private void assertNoPasswordLogged() {
    String err = captured.toString(StandardCharsets.UTF_8);
    assertTrue(err.contains("radius: Access-Accept"), "the CSS's own log was captured: " + err);
    StringBuilder jul = new StringBuilder();
    synchronized (julRecords) {
      for (LogRecord r : julRecords) {
        jul.append(r.getLoggerName()).append(' ').append(r.getMessage()).append('\n');
      }
    }
    for (String secret : List.of(CONFIG_PASSWORD, NAP_PASSWORD, SECRET)) {
      String hex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.US_ASCII));
      for (String logged : List.of(err, jul.toString())) {
        assertFalse(logged.contains(secret), "logged in clear: " + secret);
        assertFalse(logged.toLowerCase().contains(hex), "logged in hex: " + secret);
      }
    }
    assertFalse(jul.toString().contains("org.tinyradius"), jul.toString());
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
