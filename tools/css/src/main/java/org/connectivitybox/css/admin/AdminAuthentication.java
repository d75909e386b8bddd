package org.connectivitybox.css.admin;

import org.connectivitybox.css.http.Json;
import org.connectivitybox.css.http.JsonHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets through only requests with the admin credential (HTTP Basic); others get 401 with a
 * {@code WWW-Authenticate} challenge and the JSON error body.
 */
public final class AdminAuthentication extends Handler.Wrapper {
  private final AdminCredential credential;

  public AdminAuthentication(AdminCredential credential, Handler next) {
    super(next);
    this.credential = credential;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!credential.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE,
          "Basic realm=\"CSS admin\", charset=\"UTF-8\"");
      JsonHandler.send(response, callback, 401,
          Json.error("unauthorized", "the admin credential is required (HTTP Basic)"));
      return true;
    }
    return super.handle(request, response, callback);
  }
}
