/**
 * The box's printer: a {@link org.connectivitybox.hal.printer.Printer} prints one {@link
 * org.connectivitybox.hal.printer.PrintDocument} (bytes or a file, with its media type) as one job
 * and answers with a typed {@link org.connectivitybox.hal.printer.PrintOutcome}.
 *
 * <p>The board's printer speaks IPP to the board's local endpoint (CUPS or ipp-usb): {@code
 * org.connectivitybox.hal.printer.ipp.IppPrinter}. The desktop's is {@link
 * org.connectivitybox.hal.printer.FolderPrinter}, which writes each job to a folder atomically.
 */
package org.connectivitybox.hal.printer;
