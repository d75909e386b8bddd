package org.connectivitybox.css.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * One handler per exact path (the specification's one URL per transaction type); any other path
 * gets 404 with the JSON error body.
 */
public final class Routes extends Handler.Abstract {
  private final Map<String, Handler> byPath = new LinkedHashMap<>();

  /** Adds a path; call before the server starts. */
  public Routes add(String path, Handler handler) {
    byPath.put(path, handler);
    addBean(handler);
    return this;
  }

  @Override
  public void setServer(Server server) {
    super.setServer(server);
    byPath.values().forEach(h -> h.setServer(server));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Handler h = byPath.get(Request.getPathInContext(request));
    if (h == null) {
      JsonHandler.send(response, callback, 404,
          Json.error("not_found", "no such URL: " + Request.getPathInContext(request)));
      return true;
    }
    return h.handle(request, response, callback);
  }
}
