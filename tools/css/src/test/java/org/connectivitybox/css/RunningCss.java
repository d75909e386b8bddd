package org.connectivitybox.css;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.Pem;

/** A CSS started for one test on 127.0.0.1 with free ports and a fresh data folder. */
final class RunningCss implements AutoCloseable {
  final Path data;
  final Css css;

  RunningCss() throws Exception {
    data = Files.createTempDirectory("css-data");
    css = Css.start(new Css.Settings(data, new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), null, null, null), Clock.systemUTC());
  }

  /** The Root CA certificate file a client trusts. */
  Path caFile() {
    return data.resolve("ca").resolve("ca.crt");
  }

  /** Registers a subscriber directly in the store. */
  SubscriberRecord register(String cbId) {
    return css.repositories().subscribers().create(SubscriberRecord.newSubscriber(
        CbId.of(cbId), "box " + cbId, new TelephoneNumber("5550100"), ZoneId.of("UTC")));
  }

  /** Writes {@code name.crt} and {@code name.key} of a fresh CB certificate into {@code dir}. */
  Path[] cbCredential(Path dir, String cbId) throws Exception {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    X509Certificate cert = css.folder().ca().issueCbCertificate(CbId.of(cbId), pair.getPublic(),
        Duration.ofDays(30));
    return write(dir, cbId, cert, pair);
  }

  static Path[] write(Path dir, String name, X509Certificate cert, KeyPair pair)
      throws Exception {
    Path crt = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    Files.writeString(crt, Pem.certificate(cert), StandardCharsets.UTF_8);
    Files.writeString(key, Pem.privateKey(pair.getPrivate()), StandardCharsets.UTF_8);
    return new Path[] {crt, key};
  }

  /** Stops the CSS and removes its data folder (it holds the test's CA key). */
  @Override
  public void close() {
    css.close();
    try (var files = Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
