package org.connectivitybox.css.wakeup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import com.google.gson.JsonObject;

/**
 * The call-back signalling server as an external gateway reached over HTTP (a telephony
 * platform's API, or the load generator's simulated boxes): each wakeup is one
 * {@code POST <url>} with {@code Content-Type: application/json} and the body
 * <pre>{"cbId":"cb-…","telephoneNumber":"5550100","jobNumber":42}</pre>
 * A 2xx answer within {@link #TIMEOUT} means the call was placed; any other status, no answer
 * or a connection failure means it could not be (SEND {@code WAKEUP_FAILED}). The answer's body
 * is ignored. Nothing is retried: the sender may SEND again.
 */
public final class WebhookWakeups implements CallbackSignallingServer {
  /** How long the gateway has to answer one request. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final HttpClient http;

  /** @throws IllegalArgumentException unless {@code url} is an absolute http or https URL */
  public WebhookWakeups(URI url) {
    this.url = Objects.requireNonNull(url, "url");
    if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new IllegalArgumentException("the wakeup webhook must be an http or https URL: "
          + url);
    }
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  @Override
  public void wakeUp(WakeupCall call, Consumer<WakeupResult> done) {
    JsonObject body = new JsonObject();
    body.addProperty("cbId", call.cbId().value());
    body.addProperty("telephoneNumber", call.number().value());
    body.addProperty("jobNumber", call.jobNumber());
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
      if (e != null) {
        done.accept(WakeupResult.failed("wakeup gateway " + url + " unreachable: "
            + (e.getCause() != null ? e.getCause() : e)));
      } else if (r.statusCode() / 100 == 2) {
        done.accept(WakeupResult.placed("wakeup gateway " + url + " answered " + r.statusCode()));
      } else {
        done.accept(WakeupResult.failed("wakeup gateway " + url + " answered " + r.statusCode()));
      }
    });
  }

  @Override
  public void close() { }

  @Override
  public String toString() {
    return "wakeups through " + url;
  }
}
