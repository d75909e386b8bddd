/**
 * The board's scanner over the SANE network protocol: {@link
 * org.connectivitybox.hal.scanner.sane.SaneScanner} asks saned (on the board, in front of the USB
 * scanner) for pages through jfreesane. Nothing of jfreesane appears in a public signature; its
 * status codes become {@link org.connectivitybox.hal.scanner.ScannerException.Kind}s here.
 */
package org.connectivitybox.hal.scanner.sane;
