package org.connectivitybox.protocols.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.connectivitybox.protocols.codec.MalformedMessageException;

/** Checks that a decoder rejects a document with a message that names the field. */
public final class Malformed {
  private Malformed() {}

  /** A decoder under test. */
  @FunctionalInterface
  public interface Decoder {
    Object decode(byte[] bytes) throws MalformedMessageException;
  }

  /** Asserts that {@code json} is rejected with a message containing {@code expected}. */
  public static void rejects(Decoder d, String json, String expected) {
    MalformedMessageException e = assertThrows(MalformedMessageException.class,
        () -> d.decode(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains(expected),
        () -> "expected '" + expected + "' in: " + e.getMessage());
  }
}
