package org.connectivitybox.protocols.config;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.PeerIdentity;

/**
 * The parameters 191 downloaded in Phase II of configuration (specification: the list of
 * parameters 191): what a box needs to operate for its subscriber.
 *
 * <p>The construction checks formats and that the CB certificate has purpose CB; that it carries
 * the box's own public key (the one of parameters 190) is checked where both are known ({@link
 * #certifies(java.security.PublicKey)}).
 *
 * @param cbName "CB Name": the globally unique name other boxes address this one by
 * @param friendlyName "CB Friendly Name": the name shown on this box's LCD (1..32 printable
 *     characters)
 * @param cbCertificate "CB Certificate", leaf first: the box's public key bound to its CB ID
 * @param localNapNumber "Local NAP tel. no."
 * @param localNapUserName "Local NAP user name" (1..128 printable ASCII characters)
 * @param localNapPassword "Local NAP password" (1..128 printable ASCII characters)
 * @param css "IP address / port no. of CSS"
 * @param timeouts "Timeouts"
 * @param wakeup "Wakeup parameters": how this box recognises the CSS's wakeup calls
 */
public record Parameters191(
    CbName cbName,
    String friendlyName,
    List<X509Certificate> cbCertificate,
    TelephoneNumber localNapNumber,
    String localNapUserName,
    String localNapPassword,
    ServiceAddress css,
    OperationalTimeouts timeouts,
    WakeupParameters wakeup) {

  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{1,128}");
  private static final int MAX_FRIENDLY = 32;

  /** @throws IllegalArgumentException with a precise message if any parameter is invalid */
  public Parameters191 {
    Objects.requireNonNull(cbName, "cbName");
    if (friendlyName == null || friendlyName.isBlank() || friendlyName.length() > MAX_FRIENDLY
        || friendlyName.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("friendlyName must be 1 to " + MAX_FRIENDLY
          + " characters without control characters: " + friendlyName);
    }
    cbCertificate = List.copyOf(Objects.requireNonNull(cbCertificate, "cbCertificate"));
    if (cbCertificate.isEmpty()) {
      throw new IllegalArgumentException("cbCertificate is missing");
    }
    identity(cbCertificate.get(0));
    Objects.requireNonNull(localNapNumber, "localNapNumber");
    for (String[] f : new String[][] {{"localNapUserName", localNapUserName},
        {"localNapPassword", localNapPassword}}) {
      if (f[1] == null || !PRINTABLE.matcher(f[1]).matches()) {
        throw new IllegalArgumentException(f[0] + " must be 1 to 128 printable ASCII characters");
      }
    }
    Objects.requireNonNull(css, "css");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(wakeup, "wakeup");
  }

  /** The CB ID the CB certificate binds. */
  public CbId cbId() {
    return identity(cbCertificate.get(0)).cbId();
  }

  private static PeerIdentity.CbIdentity identity(X509Certificate leaf) {
    PeerIdentity who;
    try {
      who = PeerIdentity.of(leaf);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("cbCertificate: " + e.getMessage(), e);
    }
    if (who instanceof PeerIdentity.CbIdentity cb) {
      return cb;
    }
    throw new IllegalArgumentException("cbCertificate is not a CB certificate (purpose "
        + who.purpose() + ")");
  }

  /** Whether the CB certificate carries {@code publicKey} (the box's own, from parameters 190). */
  public boolean certifies(java.security.PublicKey publicKey) {
    return java.util.Arrays.equals(cbCertificate.get(0).getPublicKey().getEncoded(),
        publicKey.getEncoded());
  }

  @Override
  public String toString() {
    // Never the password.
    return "Parameters191[" + cbName + " \"" + friendlyName + "\" " + cbId() + ", NAP "
        + localNapNumber + " as " + localNapUserName + ", CSS " + css + "]";
  }
}
