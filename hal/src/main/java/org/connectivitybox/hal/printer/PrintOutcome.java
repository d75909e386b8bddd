package org.connectivitybox.hal.printer;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What became of a print job: printed, still queued when we stopped watching, refused before it
 * was queued, or failed at the printer. Failures to reach the printer at all are {@link
 * PrinterException}s instead.
 */
public sealed interface PrintOutcome {

  /**
   * The job was printed (IPP job state completed; a file written on the desktop).
   *
   * @param jobId the printer's job id
   * @param location the job's URI at the printer, or the printed file's {@code file:} URI
   */
  record Printed(String jobId, URI location) implements PrintOutcome {
    /** Checks for nulls. */
    public Printed {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * The printer took the job but had not finished it when the box stopped waiting; it may still
   * print.
   *
   * @param jobId the printer's job id
   * @param location the job's URI at the printer
   * @param state the last job state seen, an IPP keyword such as {@code processing}
   */
  record Accepted(String jobId, URI location, String state) implements PrintOutcome {
    /** Checks for nulls. */
    public Accepted {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * The printer refused the job before queuing it; nothing was printed.
   *
   * @param reason why, in the box's terms
   * @param message the printer's words (IPP status and status-message), for the log
   */
  record Refused(Reason reason, String message) implements PrintOutcome {
    /** Checks for nulls. */
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The printer queued the job and then gave up on it (IPP job state aborted or canceled).
   *
   * @param jobId the printer's job id
   * @param state {@code aborted} or {@code canceled}
   * @param reasons the printer's job-state-reasons keywords
   */
  record Failed(String jobId, String state, List<String> reasons) implements PrintOutcome {
    /** Copies the reasons. */
    public Failed {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(state, "state");
      reasons = List.copyOf(reasons);
    }
  }

  /** Why a printer refused a job. */
  enum Reason {
    /** The printer does not accept the document's media type. */
    DOCUMENT_FORMAT_NOT_SUPPORTED,
    /** The printer is not accepting jobs (stopped, out of paper, disabled). */
    NOT_ACCEPTING_JOBS,
    /** The printer is busy; try again later. */
    BUSY,
    /** Any other refusal; the message has the printer's status. */
    OTHER
  }
}
