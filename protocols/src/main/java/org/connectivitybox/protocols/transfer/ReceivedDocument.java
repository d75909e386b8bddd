package org.connectivitybox.protocols.transfer;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Objects;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.tls.CbId;

/**
 * A document a receiver got whole, its SHA-256 digest checked.
 *
 * @param job the job
 * @param sender the sending box's CB ID, from its TLS certificate
 * @param senderAddress the source address of the connection that completed it
 * @param document the pages
 * @param sha256 lower-case hex of the document's SHA-256 digest
 * @param bytes the document's size in bytes
 */
public record ReceivedDocument(JobNumber job, CbId sender, InetAddress senderAddress,
    Document document, String sha256, long bytes) {
  public ReceivedDocument {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(sha256, "sha256");
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
