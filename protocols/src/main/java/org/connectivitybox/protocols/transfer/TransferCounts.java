package org.connectivitybox.protocols.transfer;

import org.connectivitybox.protocols.sendreceive.FinalMetering;
import org.connectivitybox.protocols.sendreceive.InterimMetering;
import org.connectivitybox.protocols.sendreceive.JobNumber;

/**
 * What one transfer connection moved, for METERING and for the user.
 *
 * <p>Metering rule ({@code docs/data-transfer.md} §7): both ends report the document bytes and
 * whole pages that the receiver holds durably — acknowledged chunks, counted across every
 * connection of the job — so after a completed transfer both ends report the document's size
 * and page count, and bytes sent again after a dropped line are not billed twice.
 *
 * @param job the job
 * @param totalBytes the document's size
 * @param totalPages the document's page count
 * @param bytes document bytes the receiver holds durably
 * @param pages whole pages the receiver holds durably
 * @param resumedFromChunk the chunk this connection started with (0: from the start; -1: the
 *     transfer never started)
 * @param chunkBytesThisConnection chunk data bytes that crossed this connection
 */
public record TransferCounts(JobNumber job, long totalBytes, int totalPages, long bytes,
    int pages, int resumedFromChunk, long chunkBytesThisConnection) {

  /** The final METERING of this end. */
  public FinalMetering finalMetering(boolean successful) {
    return new FinalMetering(job, bytes, pages, successful);
  }

  /** An interim METERING of this end. */
  public InterimMetering interimMetering() {
    return new InterimMetering(job, bytes, pages);
  }
}
