package org.connectivitybox.loadgen;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.TlsContexts;

/**
 * Makes the simulated boxes of a run: for pair {@code i} the sender {@code lg-RUN-s<i>} and the
 * receiver {@code lg-RUN-r<i>} (CB ID and CB name alike), each with a fresh EC P-256 key, a CB
 * certificate issued by the CSS's Root CA, and a source address of its own in 127.0.0.0/8.
 *
 * <p>The run id keeps the names of one run apart from those of earlier runs against the same
 * CSS. Registering the boxes as subscribers is the {@link AdminClient}'s job.
 */
final class Fleet {
  /** The data-transfer port every box announces (each box has its own address). */
  static final int DATA_TRANSFER_PORT = 4443;
  /** How long the boxes' CB certificates are valid. */
  static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(7);

  private Fleet() {}

  /**
   * Makes {@code pairs} pairs of boxes.
   *
   * @param runId lower-case letters and digits, 1..16 of them
   * @param phonePrefix digits that start every box's telephone number (unique per run)
   */
  static List<Pair> make(String runId, String phonePrefix, int pairs, CertificateAuthority ca) {
    if (!runId.matches("[a-z0-9]{1,16}")) {
      throw new IllegalArgumentException("a run id is 1 to 16 of a-z 0-9, not '" + runId + "'");
    }
    if (!phonePrefix.matches("[0-9]{1,12}")) {
      throw new IllegalArgumentException("a telephone prefix is 1 to 12 digits");
    }
    SecureRandom random = new SecureRandom();
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      Box sender = box(runId, "s", i, phonePrefix, 2 * i, ca, random);
      Box receiver = box(runId, "r", i, phonePrefix, 2 * i + 1, ca, random);
      out.add(new Pair(sender, receiver));
    }
    return out;
  }

  private static Box box(String runId, String role, int pair, String phonePrefix, int index,
      CertificateAuthority ca, SecureRandom random) {
    String name = String.format(Locale.ROOT, "lg-%s-%s%d", runId, role, pair);
    CbId cbId = CbId.of(name);
    KeyPair keys = KeyAlgorithm.EC_P256.generate(random);
    X509Certificate cert = ca.issueCbCertificate(cbId, keys.getPublic(), CERTIFICATE_VALIDITY);
    var tls = TlsContexts.builder().identity(keys.getPrivate(), ca.presentedChain(cert))
        .trustAnchor(ca.root()).acceptPeers(CertificatePurpose.CSS_SERVER).build();
    String phone = phonePrefix + String.format(Locale.ROOT, "%06d", index);
    return new Box(cbId, CbName.of(name), phone, tls, new BoxSockets(address(index)),
        DATA_TRANSFER_PORT);
  }

  /**
   * The source address of box {@code index}: 127.A.B.C with C in 1..250, B in 0..249, A from
   * 100 up, so that no box uses 127.0.0.1 (the CSS's own address) or a .0 / .255 address.
   */
  static InetAddress address(int index) {
    if (index < 0 || index >= 100 * 62_500) {
      throw new IllegalArgumentException("box index out of range: " + index);
    }
    int c = 1 + index % 250;
    int b = (index / 250) % 250;
    int a = 100 + index / 62_500;
    try {
      return InetAddress.getByAddress(new byte[] {127, (byte) a, (byte) b, (byte) c});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an address", e);
    }
  }
}
