/**
 * The box's scanner: a {@link org.connectivitybox.hal.scanner.Scanner} scans the document that is
 * waiting and returns its {@link org.connectivitybox.hal.scanner.ScannedPage}s (encoded image,
 * resolution, colour mode).
 *
 * <p>The board's scanner speaks the SANE network protocol to saned: {@code
 * org.connectivitybox.hal.scanner.sane.SaneScanner}. The desktop's is {@link
 * org.connectivitybox.hal.scanner.InboxScanner}, which takes image files from a folder.
 */
package org.connectivitybox.hal.scanner;
