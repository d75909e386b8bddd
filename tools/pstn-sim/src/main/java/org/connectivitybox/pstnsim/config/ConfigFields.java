package org.connectivitybox.pstnsim.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.connectivitybox.protocols.codec.MalformedMessageException;

/**
 * Strict typed access to one object of the configuration file, in the manner of the protocols'
 * {@code JsonFields}, plus what a configuration needs beyond it: defaults for optional fields,
 * arrays of objects, and refusal of unknown fields (a misspelt key is an error, not a default).
 * Every error names the field's full path ({@code lines[1].rateBps}).
 */
final class ConfigFields {
  private final String path;
  private final JsonObject object;

  ConfigFields(String path, JsonObject object) {
    this.path = path;
    this.object = object;
  }

  /** @throws MalformedMessageException if the object has a field not in {@code known} */
  void onlyKnown(Set<String> known) throws MalformedMessageException {
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        throw wrong(key, "is not a known field (known: " + String.join(", ", known.stream()
            .sorted().toList()) + ")");
      }
    }
  }

  boolean has(String field) {
    JsonElement e = object.get(field);
    return e != null && !e.isJsonNull();
  }

  String string(String field) throws MalformedMessageException {
    JsonElement e = require(field);
    if (!(e instanceof JsonPrimitive p) || !p.isString()) {
      throw wrong(field, "must be a string");
    }
    return p.getAsString();
  }

  String string(String field, String dflt) throws MalformedMessageException {
    return has(field) ? string(field) : dflt;
  }

  boolean bool(String field, boolean dflt) throws MalformedMessageException {
    if (!has(field)) {
      return dflt;
    }
    JsonElement e = object.get(field);
    if (!(e instanceof JsonPrimitive p) || !p.isBoolean()) {
      throw wrong(field, "must be true or false");
    }
    return p.getAsBoolean();
  }

  long integer(String field, long min, long max) throws MalformedMessageException {
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

  long integer(String field, long min, long max, long dflt) throws MalformedMessageException {
    return has(field) ? integer(field, min, max) : dflt;
  }

  ConfigFields object(String field) throws MalformedMessageException {
    JsonElement e = require(field);
    if (!e.isJsonObject()) {
      throw wrong(field, "must be an object");
    }
    return new ConfigFields(qualified(field), e.getAsJsonObject());
  }

  /** An optional array of objects: empty if absent. */
  List<ConfigFields> objects(String field) throws MalformedMessageException {
    List<ConfigFields> out = new ArrayList<>();
    if (!has(field)) {
      return out;
    }
    JsonElement e = object.get(field);
    if (!e.isJsonArray()) {
      throw wrong(field, "must be an array");
    }
    JsonArray a = e.getAsJsonArray();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).isJsonObject()) {
        throw wrong(field + "[" + i + "]", "must be an object");
      }
      out.add(new ConfigFields(qualified(field) + "[" + i + "]", a.get(i).getAsJsonObject()));
    }
    return out;
  }

  MalformedMessageException wrong(String field, String what) {
    return new MalformedMessageException("field '" + qualified(field) + "' " + what);
  }

  private JsonElement require(String field) throws MalformedMessageException {
    if (!has(field)) {
      throw new MalformedMessageException("field '" + qualified(field) + "' is missing");
    }
    return object.get(field);
  }

  private String qualified(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
