package org.connectivitybox.css.http;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import org.eclipse.jetty.server.Request;

/**
 * {@code GET /v1/time}: the CSS's clock for boxes without a battery-backed clock, which set their
 * time from it after each connection. Answers {@code {"cbId":"...","serverTime":"ISO-8601"}} in
 * UTC with millisecond precision; the caller's CB ID comes from its certificate.
 */
public final class TimeEndpoint extends JsonHandler {
  /** The path of this endpoint. */
  public static final String PATH = "/v1/time";

  private final Clock clock;

  public TimeEndpoint(Clock clock) {
    this.clock = clock;
  }

  @Override
  protected Answer answer(Request request) {
    if (!"GET".equals(request.getMethod())) {
      throw new ApiError(405, "method_not_allowed", PATH + " answers GET only");
    }
    JsonObject o = new JsonObject();
    o.addProperty("cbId", CallerIdentity.of(request).cbId().value());
    o.addProperty("serverTime", DateTimeFormatter.ISO_INSTANT.format(
        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    return Answer.ok(o);
  }
}
