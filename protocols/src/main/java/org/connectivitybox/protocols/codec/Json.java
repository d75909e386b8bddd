package org.connectivitybox.protocols.codec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Helpers the transaction codecs share: compact UTF-8 output, enum fields and turning a record's
 * validation failure into an error that names the field.
 */
public final class Json {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private Json() {}

  /** The compact UTF-8 JSON of {@code o}. */
  public static byte[] bytes(JsonObject o) {
    return GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A required string field holding one of {@code type}'s constant names, exactly.
   *
   * @throws MalformedMessageException naming the field and listing the allowed values
   */
  public static <E extends Enum<E>> E enumValue(JsonFields o, String field, Class<E> type)
      throws MalformedMessageException {
    String s = o.string(field);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    throw o.wrong(field, "is '" + s + "', not one of "
        + Arrays.toString(type.getEnumConstants()));
  }

  /** Builds a value whose constructor may reject it. */
  @FunctionalInterface
  public interface Builder<T> {
    T build() throws MalformedMessageException;
  }

  /**
   * Runs {@code b}; an {@link IllegalArgumentException} from a record's validation becomes a
   * malformed-message error naming {@code field}.
   */
  public static <T> T value(JsonFields o, String field, Builder<T> b)
      throws MalformedMessageException {
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw o.wrong(field, "is invalid: " + e.getMessage());
    }
  }
}
