package org.connectivitybox.css.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A job with what its SEND linked: the sender's address (VERIFY checks it), the receiver's CB
 * name and the receiver's data-transfer address given to the sender (null while the job waits in
 * OPENING for its woken receiver), and the times and reason of its life: the wakeup deadline
 * (OPENING), when it became ACTIVE, why it was CLOSED if not by both final METERINGs.
 */
public record LinkedJob(Job job, String senderAddress, String receiverName,
    String receiverAddress, Integer receiverPort, Instant wakeupDeadline, Instant activatedAt,
    String closeReason) {

  /** The job on the current row of {@code r} (a {@code SELECT *} of {@code jobs}). */
  static LinkedJob read(ResultSet r) throws SQLException {
    return new LinkedJob(Jobs.read(r), r.getString("sender_address"),
        r.getString("receiver_name"), r.getString("receiver_address"),
        Sql.intOrNull(r, "receiver_port"), Sql.instant(r, "wakeup_deadline"),
        Sql.instant(r, "activated_at"), r.getString("close_reason"));
  }

  public long number() {
    return job.jobNumber();
  }

  public String state() {
    return job.state();
  }
}
