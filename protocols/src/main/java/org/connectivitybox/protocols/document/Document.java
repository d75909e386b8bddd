package org.connectivitybox.protocols.document;

import java.util.List;

/**
 * What one job transfers: the scanned pages in order. Immutable.
 *
 * @param pages 1..{@value #MAX_PAGES} pages
 */
public record Document(List<Page> pages) {
  /** Largest number of pages in one document. */
  public static final int MAX_PAGES = 999;

  /** @throws IllegalArgumentException if there are no pages or too many */
  public Document {
    pages = List.copyOf(pages);
    if (pages.isEmpty() || pages.size() > MAX_PAGES) {
      throw new IllegalArgumentException("a document has 1.." + MAX_PAGES + " pages, not "
          + pages.size());
    }
  }

  public static Document of(Page... pages) {
    return new Document(List.of(pages));
  }

  public int pageCount() {
    return pages.size();
  }
}
