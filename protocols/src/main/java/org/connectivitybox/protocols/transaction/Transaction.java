package org.connectivitybox.protocols.transaction;

/**
 * The transaction types of the connection and send/receive managers, each with its own URL
 * ({@code POST}, JSON in and out), as the specification asks ("a URL specific to the transaction
 * type").
 *
 * <p>The version is part of the path so that a later CSS can serve old boxes side by side.
 */
public enum Transaction {
  /** Box asks to go on line; carries its per-task sequence numbers (Figure 3, Figure 7). */
  CONNECT("/v1/connect"),
  /** Box asks to go off line. */
  DISCONNECT("/v1/disconnect"),
  /** The special transaction that compares sequence numbers while on line (Figure 11). */
  SEQUENCE_NUMBERS("/v1/sequence-numbers"),
  /** Sender asks for a linkup with a receiver named by CB Name (Figure 4, Figure 8). */
  SEND("/v1/send"),
  /** Receiver checks a transfer set-up against the CSS's job. */
  VERIFY("/v1/verify"),
  /** Either end reports metering data, interim or final; answered 204 with no body. */
  METERING("/v1/metering"),
  /**
   * ABGET: the box downloads its master address book and the CSS's address-book sequence number
   * (the initial address-book task of Phase III; the three-way AB sync of Figures 12–14 will
   * extend it).
   */
  ADDRESS_BOOK_GET("/v1/address-book");

  /** Every transaction uses this HTTP method. */
  public static final String METHOD = "POST";

  /** The media type of every request and response body, and of the error body. */
  public static final String MEDIA_TYPE = "application/json; charset=utf-8";

  private final String path;

  Transaction(String path) {
    this.path = path;
  }

  /** The URL path, relative to the CSS's base URL ({@code /v1/connect}). */
  public String path() {
    return path;
  }

  /** The transaction served at {@code path}, or null if none is. */
  public static Transaction forPath(String path) {
    for (Transaction t : values()) {
      if (t.path.equals(path)) {
        return t;
      }
    }
    return null;
  }
}
