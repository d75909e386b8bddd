/**
 * The board's printer over IPP: {@link org.connectivitybox.hal.printer.ipp.IppPrinter} sends
 * Get-Printer-Attributes, Print-Job and Get-Job-Attributes to the board's local IPP endpoint (CUPS
 * or ipp-usb). jipp encodes and decodes the IPP messages; the JDK's HttpClient POSTs them as
 * {@code application/ipp}. Nothing of jipp appears in a public signature.
 */
package org.connectivitybox.hal.printer.ipp;
