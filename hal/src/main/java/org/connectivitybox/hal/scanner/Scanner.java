package org.connectivitybox.hal.scanner;

import java.util.List;

/**
 * The box's scanner: scans the document that is waiting, all its pages.
 *
 * <p>Implementations are safe for use by several threads; scans do not overlap.
 */
public interface Scanner {

  /**
   * Scans the waiting document.
   *
   * @return its pages in order; empty if no document was waiting (an empty feeder or inbox)
   * @throws ScannerException if the scanner cannot be reached or fails mid-scan
   * @throws InterruptedException if the calling thread is interrupted
   */
  List<ScannedPage> scan() throws ScannerException, InterruptedException;
}
