package org.connectivitybox.css.radius;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.connectivitybox.css.store.LegitimateSerial;
import org.connectivitybox.css.store.LegitimateSerials;
import org.connectivitybox.css.store.NapCredential;
import org.connectivitybox.css.store.NapPasswordHash;
import org.connectivitybox.css.store.SubscriberRecords;
import org.connectivitybox.css.store.SubscriberStatus;

/**
 * Decides a PAP login: a configuration login is accepted for a legitimate, unrevoked serial
 * whose password's SHA-256 is the manifest's; a subscriber login for an ACTIVE subscriber whose
 * NAP password matches its salted hash; anything else is refused.
 *
 * <p>The refusal's reason is for the CSS's own log only; the NAS is told one generic message.
 * Unknown names cost the same hashing as known ones, so the answer's timing does not tell
 * whether a serial or a CB ID exists. Thread-safe; a database failure is a {@code
 * StoreException} (the server then does not answer, and the NAS tries again or elsewhere).
 */
final class LoginCheck {
  /** Compared against when there is nothing to compare, so that every login costs the same. */
  private static final byte[] NO_SHA256 = new byte[32];
  private static final String NO_HASH = NapPasswordHash.hash("x".toCharArray(), new SecureRandom());

  /** The outcome; {@code reason} names what was wrong, for the CSS's log (never the NAS). */
  record Decision(boolean accepted, LoginName login, String reason) {}

  private final LegitimateSerials serials;
  private final SubscriberRecords subscribers;
  private final String configDomain;
  private final String subscriberDomain;

  LoginCheck(LegitimateSerials serials, SubscriberRecords subscribers, String configDomain,
      String subscriberDomain) {
    this.serials = serials;
    this.subscribers = subscribers;
    this.configDomain = configDomain;
    this.subscriberDomain = subscriberDomain;
  }

  LoginName name(String userName) {
    return LoginName.parse(userName, configDomain, subscriberDomain);
  }

  Decision check(String userName, char[] password) {
    LoginName login = name(userName);
    if (login instanceof LoginName.Configuration c) {
      return configuration(c, password);
    }
    if (login instanceof LoginName.Subscriber s) {
      return subscriber(s, password);
    }
    return new Decision(false, login, "user name of no realm served here");
  }

  private Decision configuration(LoginName.Configuration login, char[] password) {
    Optional<LegitimateSerial> serial = serials.find(login.serial());
    byte[] expected = serial.map(s -> HexFormat.of().parseHex(s.passwordSha256()))
        .orElse(NO_SHA256);
    boolean passwordOk = MessageDigest.isEqual(expected, NapPasswordHash.sha256(password))
        && serial.isPresent();
    if (serial.isEmpty()) {
      return new Decision(false, login, "serial not in the legitimate-serials table");
    }
    if (!passwordOk) {
      return new Decision(false, login, "wrong configuration password");
    }
    if (serial.get().isRevoked()) {
      return new Decision(false, login, "serial revoked at " + serial.get().revokedAt());
    }
    return new Decision(true, login, "legitimate serial");
  }

  private Decision subscriber(LoginName.Subscriber login, char[] password) {
    Optional<NapCredential> credential = subscribers.napCredential(login.cbId());
    boolean passwordOk;
    if (credential.isPresent() && credential.get().passwordHash() != null) {
      passwordOk = credential.get().matches(password);
    } else {
      NapPasswordHash.matches(password, NO_HASH);
      passwordOk = false;
    }
    if (credential.isEmpty()) {
      return new Decision(false, login, "no such subscriber");
    }
    if (credential.get().passwordHash() == null) {
      return new Decision(false, login, "no NAP password set");
    }
    if (!passwordOk) {
      return new Decision(false, login, "wrong NAP password");
    }
    if (credential.get().status() != SubscriberStatus.ACTIVE) {
      return new Decision(false, login, "subscriber " + credential.get().status());
    }
    return new Decision(true, login, "active subscriber");
  }
}
