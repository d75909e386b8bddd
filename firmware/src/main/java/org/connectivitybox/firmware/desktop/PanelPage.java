package org.connectivitybox.firmware.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectivitybox.hal.display.DisplaySnapshot;

/**
 * The panel's HTML page: {@code panel.html} beside this class, with the box's title and the state
 * at the time of the request filled in (the LCD's rows give the glass its geometry). The page
 * holds everything it needs (CSS and script inline, no fonts, images or other sites).
 */
final class PanelPage {

  private static final String TEMPLATE = load();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

  private PanelPage() {}

  /** The page showing {@code snapshot}, {@code title} and {@code status}; both may be null. */
  static String render(DisplaySnapshot snapshot, String title, String status) {
    String pageTitle = title == null ? "Connectivity Box panel" : title + " \u2014 Connectivity Box";
    Map<String, String> values = Map.of(
        "PAGE_TITLE", escapeHtml(pageTitle),
        "STATE", PanelJson.initialState(snapshot, title, status));
    // One pass over the template, so a title or status that spells a placeholder stays text.
    Matcher placeholder = PLACEHOLDER.matcher(TEMPLATE);
    StringBuilder page = new StringBuilder(TEMPLATE.length() + 1024);
    while (placeholder.find()) {
      String value = values.get(placeholder.group(1));
      if (value == null) {
        throw new IllegalStateException("panel.html has an unknown " + placeholder.group());
      }
      placeholder.appendReplacement(page, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(page);
    return page.toString();
  }

  /** {@code text} safe as HTML element content. */
  static String escapeHtml(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String load() {
    try (InputStream in = PanelPage.class.getResourceAsStream("panel.html")) {
      if (in == null) {
        throw new IllegalStateException("panel.html is missing beside " + PanelPage.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read panel.html", e);
    }
  }
}
