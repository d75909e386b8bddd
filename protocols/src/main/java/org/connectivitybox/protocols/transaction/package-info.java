/**
 * What the box and the CSS agree on for every operational transaction, whichever side is the HTTP
 * client: the versioned URL of each transaction type, the media type, the status codes and the
 * error body. The message records and codecs live in the packages of their protocol layer
 * ({@code connection}, {@code sendreceive}, {@code sequence}); {@code docs/protocol.md} is the
 * specification a third party implements.
 */
package org.connectivitybox.protocols.transaction;
