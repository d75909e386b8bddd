package org.connectivitybox.css.http;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.connectivitybox.css.store.ConflictException;
import org.connectivitybox.css.store.NotFoundException;
import org.connectivitybox.css.store.StoreException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.tinylog.Logger;

/**
 * A blocking handler whose answer is a JSON body: subclasses return the tree or throw an {@link
 * ApiError}. Store conflicts become 409, missing records 404, bad input 400, anything else 500
 * with a one-line message (the stack trace goes to the log only).
 */
public abstract class JsonHandler extends Handler.Abstract {

  /** The JSON answer to a request and its status. */
  public record Answer(int status, JsonElement body) {
    public static Answer ok(JsonElement body) {
      return new Answer(200, body);
    }
  }

  /** Answers one request; runs on a thread of its own and may block on the database. */
  protected abstract Answer answer(Request request) throws IOException;

  @Override
  public final boolean handle(Request request, Response response, Callback callback) {
    Answer answer;
    try {
      answer = answer(request);
    } catch (ApiError e) {
      answer = new Answer(e.status(), Json.error(e.code(), e.getMessage()));
    } catch (ConflictException e) {
      answer = new Answer(409, Json.error("conflict", e.getMessage()));
    } catch (NotFoundException e) {
      answer = new Answer(404, Json.error("not_found", e.getMessage()));
    } catch (IllegalArgumentException e) {
      answer = new Answer(400, Json.error("invalid_field", e.getMessage()));
    } catch (StoreException e) {
      Logger.error(e, "database failure on {}", request.getHttpURI().getPath());
      answer = new Answer(503, Json.error("unavailable", e.getMessage()));
    } catch (IOException | RuntimeException e) {
      Logger.error(e, "failure on {}", request.getHttpURI().getPath());
      answer = new Answer(500, Json.error("internal", "internal error: " + e.getMessage()));
    }
    send(response, callback, answer.status(), answer.body());
    return true;
  }

  /** Writes a JSON body and completes the callback. */
  public static void send(Response response, Callback callback, int status, JsonElement body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(Json.text(body).getBytes(StandardCharsets.UTF_8)),
        callback);
  }

  /** The request body as text (at most 16 MiB). */
  protected static String body(Request request) throws IOException {
    long length = request.getLength();
    if (length > 16 << 20) {
      throw new ApiError(413, "too_large", "the body is larger than 16 MiB");
    }
    return Content.Source.asString(request, StandardCharsets.UTF_8);
  }
}
