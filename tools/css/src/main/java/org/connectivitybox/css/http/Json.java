package org.connectivitybox.css.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Set;

/** JSON encoding of the CSS's HTTP bodies, through Gson. Pure: text in, tree out and back. */
public final class Json {
  private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping()
      .create();

  private Json() {}

  /** The text of a JSON tree. */
  public static String text(JsonElement tree) {
    return GSON.toJson(tree);
  }

  /** The error body {@code {"error":{"code":...,"message":...}}}. */
  public static JsonObject error(String code, String message) {
    JsonObject inner = new JsonObject();
    inner.addProperty("code", code);
    inner.addProperty("message", message);
    JsonObject outer = new JsonObject();
    outer.add("error", inner);
    return outer;
  }

  /**
   * Parses a request body that must be a JSON object with only the given fields.
   *
   * @throws ApiError 400 {@code malformed_json} or {@code unknown_field}
   */
  public static JsonObject object(String body, Set<String> allowedFields) {
    JsonElement tree;
    try {
      tree = JsonParser.parseString(body);
    } catch (JsonParseException e) {
      throw ApiError.badRequest("malformed_json", "the body is not valid JSON");
    }
    if (tree == null || !tree.isJsonObject()) {
      throw ApiError.badRequest("malformed_json", "the body must be a JSON object");
    }
    return only(tree.getAsJsonObject(), allowedFields);
  }

  /**
   * Checks that a JSON object has only the given fields.
   *
   * @throws ApiError 400 {@code unknown_field} naming the first other field
   */
  public static JsonObject only(JsonObject o, Set<String> allowedFields) {
    for (String key : o.keySet()) {
      if (!allowedFields.contains(key)) {
        throw ApiError.badRequest("unknown_field", "unknown field '" + key + "'; allowed: "
            + String.join(", ", new java.util.TreeSet<>(allowedFields)));
      }
    }
    return o;
  }

  /**
   * A string field.
   *
   * @throws ApiError 400 {@code missing_field} if required and absent, {@code invalid_field} if
   *     not a string
   */
  public static String string(JsonObject o, String field, boolean required) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      if (required) {
        throw ApiError.badRequest("missing_field", "field '" + field + "' is required");
      }
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw ApiError.badRequest("invalid_field", "field '" + field + "' must be a string");
    }
    return e.getAsString();
  }
}
