package org.connectivitybox.firmware.desktop;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.connectivitybox.hal.display.DisplaySnapshot;

/**
 * The panel's JSON documents and Server-Sent Events, as pure functions of the state they show.
 *
 * <p>{@code /lcd}: {@code {"columns":16,"rows":["Sent ✓          ","..."],
 * "cursor":{"visible":false,"row":0,"column":0},"backlight":true,"version":7}}; {@code
 * /status}: {@code {"title":"Uncle Jo","status":"Dialling…"}} (either may be {@code null}).
 */
final class PanelJson {

  /** For documents served as {@code application/json}: characters as they are. */
  private static final Gson PLAIN = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  /** For JSON put inside the page's {@code <script>}: {@code <}, {@code >}, {@code &} escaped. */
  private static final Gson FOR_HTML = new GsonBuilder().serializeNulls().create();

  private PanelJson() {}

  /** The {@code /lcd} document of {@code snapshot}. */
  static String lcd(DisplaySnapshot snapshot) {
    return PLAIN.toJson(lcdObject(snapshot));
  }

  /** The {@code /status} document. */
  static String status(String title, String status) {
    return PLAIN.toJson(statusObject(title, status));
  }

  /** The page's initial state: {@code {"lcd":{...},"status":{...}}}, safe inside a script. */
  static String initialState(DisplaySnapshot snapshot, String title, String status) {
    JsonObject o = new JsonObject();
    o.add("lcd", lcdObject(snapshot));
    o.add("status", statusObject(title, status));
    return FOR_HTML.toJson(o);
  }

  /** One {@code lcd} event carrying the {@code /lcd} document, with the version as its id. */
  static String lcdEvent(DisplaySnapshot snapshot) {
    return "event: lcd\nid: " + snapshot.version() + "\ndata: " + lcd(snapshot) + "\n\n";
  }

  /** One {@code status} event carrying the {@code /status} document. */
  static String statusEvent(String title, String status) {
    return "event: status\ndata: " + status(title, status) + "\n\n";
  }

  private static JsonObject lcdObject(DisplaySnapshot snapshot) {
    JsonObject o = new JsonObject();
    o.addProperty("columns", snapshot.geometry().columns());
    JsonArray rows = new JsonArray();
    snapshot.lines().forEach(rows::add);
    o.add("rows", rows);
    JsonObject cursor = new JsonObject();
    cursor.addProperty("visible", snapshot.cursorVisible());
    cursor.addProperty("row", snapshot.cursorRow());
    cursor.addProperty("column", snapshot.cursorColumn());
    o.add("cursor", cursor);
    o.addProperty("backlight", snapshot.backlight());
    o.addProperty("version", snapshot.version());
    return o;
  }

  private static JsonObject statusObject(String title, String status) {
    JsonObject o = new JsonObject();
    o.addProperty("title", title);
    o.addProperty("status", status);
    return o;
  }
}
