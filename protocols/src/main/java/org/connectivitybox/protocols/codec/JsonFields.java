package org.connectivitybox.protocols.codec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Strict reading of JSON objects for the codecs: UTF-8 only, one object per document, and typed
 * field access whose errors name the document and the field path.
 */
public final class JsonFields {
  private final String document;
  private final String path;
  private final JsonObject object;

  private JsonFields(String document, String path, JsonObject object) {
    this.document = document;
    this.path = path;
    this.object = object;
  }

  /**
   * Parses {@code bytes} as one JSON object.
   *
   * @param document what the bytes are, for error messages ({@code "params190"})
   * @throws MalformedMessageException if the bytes are not UTF-8, not JSON, or not one object
   */
  public static JsonFields parse(String document, byte[] bytes) throws MalformedMessageException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedMessageException(document + ": not valid UTF-8");
    }
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(com.google.gson.Strictness.STRICT);
      JsonElement root = JsonParser.parseReader(reader);
      if (!atEnd(reader)) {
        throw new MalformedMessageException(document + ": trailing data after the JSON object");
      }
      if (!root.isJsonObject()) {
        throw new MalformedMessageException(document + ": expected a JSON object");
      }
      return new JsonFields(document, "", root.getAsJsonObject());
    } catch (JsonParseException | IOException | IllegalStateException e) {
      if (e instanceof MalformedMessageException m) {
        throw m;
      }
      throw new MalformedMessageException(document + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * True if nothing but whitespace follows the value. A strict reader throws on a second value
   * instead of returning its token; either way it is trailing data.
   */
  private static boolean atEnd(JsonReader reader) {
    try {
      return reader.peek() == JsonToken.END_DOCUMENT;
    } catch (IOException e) {
      return false;
    }
  }

  /** A required string field. */
  public String string(String field) throws MalformedMessageException {
    JsonElement e = require(field);
    if (!(e instanceof JsonPrimitive p) || !p.isString()) {
      throw wrong(field, "must be a string");
    }
    return p.getAsString();
  }

  /** An optional string field: null if absent or JSON null. */
  public String optionalString(String field) throws MalformedMessageException {
    JsonElement e = object.get(field);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    return string(field);
  }

  /** A required array of strings (possibly empty). */
  public java.util.List<String> strings(String field) throws MalformedMessageException {
    JsonElement e = require(field);
    if (!e.isJsonArray()) {
      throw wrong(field, "must be an array of strings");
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonElement item : e.getAsJsonArray()) {
      if (!(item instanceof JsonPrimitive p) || !p.isString()) {
        throw wrong(field, "must be an array of strings");
      }
      out.add(p.getAsString());
    }
    return out;
  }

  /** A required array of whole numbers, each within {@code [min, max]}. */
  public java.util.List<Long> integers(String field, long min, long max)
      throws MalformedMessageException {
    JsonElement e = require(field);
    if (!e.isJsonArray()) {
      throw wrong(field, "must be an array of whole numbers");
    }
    java.util.List<Long> out = new java.util.ArrayList<>();
    for (JsonElement item : e.getAsJsonArray()) {
      long v;
      try {
        if (!(item instanceof JsonPrimitive p) || !p.isNumber()) {
          throw new ArithmeticException();
        }
        v = p.getAsBigDecimal().longValueExact();
      } catch (ArithmeticException ex) {
        throw wrong(field, "must be an array of whole numbers");
      }
      if (v < min || v > max) {
        throw wrong(field, "holds " + v + ", outside " + min + ".." + max);
      }
      out.add(v);
    }
    return out;
  }

  /** A required boolean field. */
  public boolean bool(String field) throws MalformedMessageException {
    JsonElement e = require(field);
    if (!(e instanceof JsonPrimitive p) || !p.isBoolean()) {
      throw wrong(field, "must be true or false");
    }
    return p.getAsBoolean();
  }

  /** A required integer field within {@code [min, max]}. */
  public long integer(String field, long min, long max) throws MalformedMessageException {
    JsonElement e = require(field);
    if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
      throw wrong(field, "must be a whole number");
    }
    long value;
    try {
      value = p.getAsBigDecimal().longValueExact();
    } catch (ArithmeticException ex) {
      throw wrong(field, "must be a whole number");
    }
    if (value < min || value > max) {
      throw wrong(field, "is " + value + ", outside " + min + ".." + max);
    }
    return value;
  }

  /** True if the field is present and not JSON null. */
  public boolean has(String field) {
    JsonElement e = object.get(field);
    return e != null && !e.isJsonNull();
  }

  /** The names of the object's fields, in document order. */
  public Set<String> fieldNames() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(object.keySet()));
  }

  /**
   * Rejects a field that must not be present in this form of the message.
   *
   * @throws MalformedMessageException naming the field, with {@code why}
   */
  public void forbid(String field, String why) throws MalformedMessageException {
    if (has(field)) {
      throw wrong(field, "must be absent " + why);
    }
  }

  /** A required nested object. */
  public JsonFields object(String field) throws MalformedMessageException {
    JsonElement e = require(field);
    if (!e.isJsonObject()) {
      throw wrong(field, "must be an object");
    }
    return new JsonFields(document, qualified(field) + ".", e.getAsJsonObject());
  }

  /**
   * Turns a value check that failed ({@link IllegalArgumentException}) into a malformed-message
   * error naming the field.
   */
  public MalformedMessageException wrong(String field, String what) {
    return new MalformedMessageException(
        document + ": field '" + qualified(field) + "' " + what);
  }

  private JsonElement require(String field) throws MalformedMessageException {
    JsonElement e = object.get(field);
    if (e == null || e.isJsonNull()) {
      throw new MalformedMessageException(
          document + ": field '" + qualified(field) + "' is missing");
    }
    return e;
  }

  private String qualified(String field) {
    return path + field;
  }
}
