package org.connectivitybox.hal.printer;

/**
 * The box's printer: prints one document as one job.
 *
 * <p>Refusals and failures reported by the printer are {@link PrintOutcome}s; only a printer that
 * cannot be reached or understood throws. Implementations are safe for use by several threads.
 */
public interface Printer {

  /**
   * Prints {@code document} and says what became of it.
   *
   * @throws PrinterException if the printer cannot be reached, or the document cannot be read
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  PrintOutcome print(PrintDocument document) throws PrinterException, InterruptedException;
}
