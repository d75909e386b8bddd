package org.connectivitybox.hal.printer.ipp;

import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectivitybox.hal.printer.PrintDocument;
import org.connectivitybox.hal.printer.PrintOutcome;
import org.connectivitybox.hal.printer.Printer;
import org.connectivitybox.hal.printer.PrinterException;
import org.connectivitybox.hal.time.Pause;
import org.connectivitybox.hal.time.Ticker;
import org.tinylog.Logger;

/**
 * The board's printer: IPP/1.1 over HTTP to a local endpoint (CUPS or ipp-usb).
 *
 * <pre>
 *  box                                   printer
 *   | Get-Printer-Attributes                |   document-format-supported,
 *   |-------------------------------------->|   printer-is-accepting-jobs
 *   |<--------------------------------------|   format missing / not accepting: Refused
 *   | Print-Job + document                  |
 *   |-------------------------------------->|   refused: Refused (status mapped to a Reason)
 *   |<--------------------------------------|   job-id, job-uri, job-state
 *   | Get-Job-Attributes (every poll)       |   completed: Printed
 *   |-------------------------------------->|   aborted / canceled: Failed
 *   |<--------------------------------------|   still going at the timeout: Accepted
 * </pre>
 *
 * <p>The document's media type must be listed exactly in document-format-supported; the box
 * does not convert documents. Thread-safe; each {@link #print} is its own sequence of requests.
 */
public final class IppPrinter implements Printer {

  private static final String APPLICATION_IPP = "application/ipp";

  private final IppPrinterConfig config;
  private final Pause pause;
  private final Ticker ticker;
  private final HttpClient http;
  private final AtomicInteger requestIds = new AtomicInteger(1);

  /** A printer at {@code config}'s URI that polls with real sleeps. */
  public IppPrinter(IppPrinterConfig config) {
    this(config, Pause.sleeping(), Ticker.system());
  }

  /** A printer at {@code config}'s URI that waits between polls with {@code pause}. */
  public IppPrinter(IppPrinterConfig config, Pause pause, Ticker ticker) {
    this.config = Objects.requireNonNull(config, "config");
    this.pause = Objects.requireNonNull(pause, "pause");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.requestTimeout())
            .build();
  }

  @Override
  public PrintOutcome print(PrintDocument document)
      throws PrinterException, InterruptedException {
    Objects.requireNonNull(document, "document");
    URI printer = config.ippUri();

    IppPacket attributes =
        exchange(
            "Get-Printer-Attributes",
            IppPacket.getPrinterAttributes(
                    printer,
                    Types.documentFormatSupported,
                    Types.printerIsAcceptingJobs,
                    Types.printerState)
                .setRequestId(requestIds.getAndIncrement())
                .putOperationAttributes(
                    Types.requestingUserName.of(config.requestingUserName()))
                .build(),
            null);
    PrintOutcome refused = refusal(attributes);
    if (refused != null) {
      return refused;
    }
    List<String> formats = attributes.getValues(Tag.printerAttributes, Types.documentFormatSupported);
    if (!formats.contains(document.mediaType())) {
      return new PrintOutcome.Refused(
          PrintOutcome.Reason.DOCUMENT_FORMAT_NOT_SUPPORTED,
          "printer " + printer + " accepts " + formats + ", not " + document.mediaType());
    }
    Boolean accepting = attributes.getValue(Tag.printerAttributes, Types.printerIsAcceptingJobs);
    if (Boolean.FALSE.equals(accepting)) {
      return new PrintOutcome.Refused(
          PrintOutcome.Reason.NOT_ACCEPTING_JOBS, "printer " + printer + " is not accepting jobs");
    }

    IppPacket queued =
        exchange(
            "Print-Job",
            IppPacket.printJob(printer)
                .setRequestId(requestIds.getAndIncrement())
                .putOperationAttributes(
                    Types.requestingUserName.of(config.requestingUserName()),
                    Types.jobName.of(document.name()),
                    Types.documentFormat.of(document.mediaType()))
                .build(),
            document);
    refused = refusal(queued);
    if (refused != null) {
      return refused;
    }
    Integer jobId = queued.getValue(Tag.jobAttributes, Types.jobId);
    URI jobUri = queued.getValue(Tag.jobAttributes, Types.jobUri);
    JobState state = queued.getValue(Tag.jobAttributes, Types.jobState);
    if (jobId == null || jobUri == null) {
      throw new PrinterException(
          "printer " + printer + ": Print-Job answered without job-id or job-uri");
    }
    Logger.info("printer {}: job {} queued for {}", printer, jobId, document);
    return watch(printer, jobId, jobUri, state);
  }

  /** Polls the job until it ends or the completion timeout passes. */
  private PrintOutcome watch(URI printer, int jobId, URI jobUri, JobState state)
      throws PrinterException, InterruptedException {
    long deadline = ticker.nanos() + config.completionTimeout().toNanos();
    List<String> reasons = List.of();
    while (true) {
      if (JobState.completed.equals(state)) {
        return new PrintOutcome.Printed(Integer.toString(jobId), jobUri);
      }
      if (JobState.aborted.equals(state) || JobState.canceled.equals(state)) {
        return new PrintOutcome.Failed(Integer.toString(jobId), state.getName(), reasons);
      }
      if (ticker.nanos() - deadline >= 0) {
        return new PrintOutcome.Accepted(
            Integer.toString(jobId), jobUri, state == null ? "unknown" : state.getName());
      }
      pause.pause(config.pollInterval());
      IppPacket job =
          exchange(
              "Get-Job-Attributes",
              IppPacket.getJobAttributes(printer, jobId, Types.jobState, Types.jobStateReasons)
                  .setRequestId(requestIds.getAndIncrement())
                  .putOperationAttributes(
                      Types.requestingUserName.of(config.requestingUserName()))
                  .build(),
              null);
      if (!isSuccess(job)) {
        throw new PrinterException("printer " + printer + ": Get-Job-Attributes of job " + jobId
            + " answered " + describe(job));
      }
      state = job.getValue(Tag.jobAttributes, Types.jobState);
      reasons = job.getValues(Tag.jobAttributes, Types.jobStateReasons);
    }
  }

  /** The outcome for an unsuccessful IPP status, or {@code null} if the status is a success. */
  private static PrintOutcome refusal(IppPacket response) {
    if (isSuccess(response)) {
      return null;
    }
    Status status = response.getStatus();
    PrintOutcome.Reason reason;
    if (Status.clientErrorDocumentFormatNotSupported.equals(status)) {
      reason = PrintOutcome.Reason.DOCUMENT_FORMAT_NOT_SUPPORTED;
    } else if (Status.serverErrorNotAcceptingJobs.equals(status)) {
      reason = PrintOutcome.Reason.NOT_ACCEPTING_JOBS;
    } else if (Status.serverErrorBusy.equals(status)) {
      reason = PrintOutcome.Reason.BUSY;
    } else {
      reason = PrintOutcome.Reason.OTHER;
    }
    return new PrintOutcome.Refused(reason, describe(response));
  }

  private static boolean isSuccess(IppPacket response) {
    return response.getCode() < 0x0100;
  }

  private static String describe(IppPacket response) {
    String message = response.getString(Tag.operationAttributes, Types.statusMessage);
    return String.format("%s (0x%04X)%s", response.getStatus().getName(), response.getCode(),
        message == null ? "" : ": " + message);
  }

  /** POSTs {@code request} (followed by the document, if any) and parses the IPP response. */
  private IppPacket exchange(String operation, IppPacket request, PrintDocument document)
      throws PrinterException, InterruptedException {
    URI target = config.httpUri();
    String what = "printer " + target + ": " + operation;
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    try {
      request.write(header);
    } catch (IOException e) {
      throw new PrinterException(what + ": cannot encode: " + e.getMessage(), e);
    }
    BodyPublisher body = BodyPublishers.ofByteArray(header.toByteArray());
    if (document != null) {
      BodyPublisher content;
      if (document.file() != null) {
        try {
          content = BodyPublishers.ofFile(document.file());
        } catch (IOException e) {
          throw new PrinterException(what + ": cannot read " + document + ": " + e, e);
        }
      } else {
        content = BodyPublishers.ofInputStream(() -> {
          try {
            return document.open();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      body = BodyPublishers.concat(body, content);
    }
    HttpRequest post =
        HttpRequest.newBuilder(target)
            .timeout(config.requestTimeout())
            .header("Content-Type", APPLICATION_IPP)
            .POST(body)
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(post, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException | UncheckedIOException e) {
      throw new PrinterException(what + ": " + e, e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new PrinterException(what + ": HTTP " + response.statusCode());
      }
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!type.startsWith(APPLICATION_IPP)) {
        throw new PrinterException(what + ": answered Content-Type \"" + type + "\", not IPP");
      }
      return IppPacket.parse(in);
    } catch (IOException e) {
      throw new PrinterException(what + ": unreadable IPP response: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "IPP printer " + config.printerUri();
  }
}
