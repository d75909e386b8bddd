/**
 * Documents as the data-transfer protocol carries them: ordered {@link
 * org.connectivitybox.protocols.document.Page}s, each with its encoding (CCITT G4 for bilevel
 * pages, JPEG or PNG otherwise), resolution and size in pixels; {@link
 * org.connectivitybox.protocols.document.PageEncoder} chooses the encoding for a scanned image,
 * {@link org.connectivitybox.protocols.document.PageDecoder} gives the printer its image back,
 * and {@link org.connectivitybox.protocols.document.DocumentCodec} is the byte form that is
 * transferred and digested ({@code docs/data-transfer.md} §5).
 */
package org.connectivitybox.protocols.document;
