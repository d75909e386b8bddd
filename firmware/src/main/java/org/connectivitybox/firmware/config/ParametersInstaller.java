package org.connectivitybox.firmware.config;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.tinylog.Logger;

/**
 * Checks downloaded parameters 191 against the box's parameters 190 and stores them (Phase II
 * step 6): decoded strictly; the CB certificate must chain to the box's Root CA, be of purpose
 * CB and certify the box's own public key. Then {@code params191} is written atomically, and
 * {@code params190} rewritten with the configuration flag cleared, the last act of
 * configuration.
 *
 * <p>Each record is replaced atomically, so a power cut leaves the old or the new one. If
 * {@code params191} was written but clearing the flag failed, the flag stays set and the box
 * configures itself again on the next start: never a box that thinks it is configured with
 * half of its parameters.
 */
public final class ParametersInstaller {

  /** What became of a body. */
  public sealed interface Outcome {
    /** Stored; the box is configured. */
    record Installed(Parameters191 parameters) implements Outcome {}

    /** Refused, nothing stored: 400 {@code INVALID_PARAMETERS} with the reason. */
    record Invalid(String reason) implements Outcome {}

    /** The store failed: 503 {@code STORE_FAILED}. */
    record StoreFailed(String reason) implements Outcome {}
  }

  private final BoxStore store;
  private final Parameters190 p190;

  public ParametersInstaller(BoxStore store, Parameters190 p190) {
    this.store = Objects.requireNonNull(store, "store");
    this.p190 = Objects.requireNonNull(p190, "p190");
  }

  /** Checks {@code body} and, if valid, stores it; never throws. */
  public Outcome install(byte[] body) {
    Parameters191 p;
    try {
      p = Parameters191Codec.decode(body);
    } catch (MalformedMessageException | RuntimeException e) {
      return new Outcome.Invalid(e.getMessage());
    }
    Optional<String> wrong = check(p, p190);
    if (wrong.isPresent()) {
      return new Outcome.Invalid(wrong.get());
    }
    try {
      store.writeParameters191(p);
    } catch (IOException | RuntimeException e) {
      Logger.error("storing parameters 191: {}", e.getMessage());
      return new Outcome.StoreFailed("cannot store parameters 191: " + e.getMessage());
    }
    try {
      store.writeParameters190(p190.withConfigurationFlag(false));
    } catch (IOException | RuntimeException e) {
      // params191 is the new one but the flag is still set: the next start configures again.
      Logger.error("clearing the configuration flag: {}", e.getMessage());
      return new Outcome.StoreFailed("cannot clear the configuration flag: " + e.getMessage());
    }
    Logger.info("configured: {}", p);
    return new Outcome.Installed(p);
  }

  /**
   * Why {@code p} does not fit the box of {@code p190}; empty if it does: the CB certificate
   * chains to the Root CA (PKIX, no revocation: that is the CSS's subscriber status), is of
   * purpose CB and certifies the box's public key.
   */
  public static Optional<String> check(Parameters191 p, Parameters190 p190) {
    X509Certificate leaf = p.cbCertificate().get(0);
    if (CertificatePurpose.of(leaf).orElse(null) != CertificatePurpose.CB) {
      return Optional.of("cbCertificate is not a CB certificate");
    }
    if (!p.certifies(p190.publicKey())) {
      return Optional.of("cbCertificate does not certify this box's public key");
    }
    try {
      List<X509Certificate> path = new ArrayList<>(p.cbCertificate());
      path.removeIf(c -> c.equals(p190.rootCaCertificate()));
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(
          Set.of(new TrustAnchor(p190.rootCaCertificate(), null)));
      params.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
    } catch (GeneralSecurityException e) {
      return Optional.of("cbCertificate does not chain to the box's Root CA: " + e.getMessage());
    }
    return Optional.empty();
  }
}
