package org.connectivitybox.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import okhttp3.OkHttpClient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;

/**
 * The reference of {@code bench cold-start}: a JVM that does only the least a box must do before
 * it could talk to its CSS. It reads a box identity (key, CB certificate, Root CA) as PEM with the
 * product's {@link Pem} (BouncyCastle's PEM parser), makes the BouncyCastle provider (as
 * {@code Pem} does: an instance, not registered JVM-wide), builds the box's mutual-TLS
 * {@code SSLContext} with {@link TlsContexts}, and an {@link OkHttpClient} on it, as the box's CSS
 * client does. Then it prints its phase times and {@code ready}, and sleeps until killed.
 *
 * <p>Usage: {@code BaselineStartup DIR}, where DIR holds {@code box-key.pem}, {@code cb.pem} and
 * {@code root.pem}.
 */
public final class BaselineStartup {
  /** Kept reachable so that nothing built here is collected before the RSS is read. */
  static volatile Object[] kept;

  private BaselineStartup() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long t0 = System.nanoTime();
    PrivateKey key = Pem.readPrivateKey(Files.readString(dir.resolve("box-key.pem")), null,
        "box-key.pem");
    List<X509Certificate> cb = Pem.readCertificates(Files.readString(dir.resolve("cb.pem")),
        "cb.pem");
    X509Certificate root = Pem.readCertificate(Files.readString(dir.resolve("root.pem")),
        "root.pem");
    long t1 = System.nanoTime();
    Provider bc = new BouncyCastleProvider();
    long t2 = System.nanoTime();
    TlsContext tls = TlsContexts.builder().identity(key, cb).trustAnchor(root)
        .acceptPeers(CertificatePurpose.CSS_SERVER).build();
    long t3 = System.nanoTime();
    OkHttpClient http = new OkHttpClient.Builder()
        .sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager())
        .build();
    long t4 = System.nanoTime();
    kept = new Object[] {bc, tls, http};
    System.out.printf("phases pem=%d provider=%d tls=%d okhttp=%d%n", ms(t1 - t0), ms(t2 - t1),
        ms(t3 - t2), ms(t4 - t3));
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static long ms(long nanos) {
    return Math.round(nanos / 1e6);
  }
}
