package org.connectivitybox.protocols.transfer;

import org.connectivitybox.protocols.sendreceive.JobNumber;

/**
 * How far a transfer has gone, as one side sees it: sent after every ACK (sender) and every
 * fsync that made chunks durable (receiver), and once when the transfer is accepted. Bytes and
 * pages count what the receiver holds durably, including what it held before a resume.
 *
 * @param side which end reports
 * @param job the job
 * @param bytes document bytes held by the receiver
 * @param totalBytes the document's size
 * @param pages whole pages held by the receiver
 * @param totalPages the document's page count
 * @param chunks chunks held by the receiver (the next chunk index)
 * @param totalChunks the document's chunk count
 */
public record TransferProgress(Side side, JobNumber job, long bytes, long totalBytes, int pages,
    int totalPages, int chunks, int totalChunks) {

  /** Which end of a transfer. */
  public enum Side { SENDER, RECEIVER }

  /** Whole percent of the bytes, 0..100. */
  public int percent() {
    return (int) (bytes * 100 / totalBytes);
  }

  /** Receives progress; called on the transfer's thread, must be fast and must not throw. */
  @FunctionalInterface
  public interface Listener {
    void progress(TransferProgress progress);

    /** A listener that ignores everything. */
    Listener NONE = p -> { };
  }
}
