package org.connectivitybox.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import okhttp3.EventListener;
import org.connectivitybox.firmware.http.CssClient;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.TlsContext;

/**
 * One simulated connectivity box: a subscriber of the CSS (CB ID, CB name, telephone number),
 * its CB certificate in a TLS context of its own (so its TLS sessions are its own to resume),
 * and its own loopback source address through {@link BoxSockets}.
 *
 * <p>A box {@link #dial dials in} for each linkup: a fresh {@link CssClient}, whose one
 * kept-alive connection carries all of that linkup's transactions, closed when the box hangs up.
 * That is what a real box does (it calls, makes its transactions, disconnects and drops the
 * line); the TLS session may be resumed on the next call.
 */
final class Box {
  private final CbId cbId;
  private final CbName cbName;
  private final String telephoneNumber;
  private final TlsContext tls;
  private final BoxSockets sockets;
  private final int dataTransferPort;

  Box(CbId cbId, CbName cbName, String telephoneNumber, TlsContext tls, BoxSockets sockets,
      int dataTransferPort) {
    this.cbId = Objects.requireNonNull(cbId, "cbId");
    this.cbName = Objects.requireNonNull(cbName, "cbName");
    this.telephoneNumber = Objects.requireNonNull(telephoneNumber, "telephoneNumber");
    this.tls = Objects.requireNonNull(tls, "tls");
    this.sockets = Objects.requireNonNull(sockets, "sockets");
    this.dataTransferPort = dataTransferPort;
  }

  CbId cbId() {
    return cbId;
  }

  CbName cbName() {
    return cbName;
  }

  String telephoneNumber() {
    return telephoneNumber;
  }

  BoxSockets sockets() {
    return sockets;
  }

  int dataTransferPort() {
    return dataTransferPort;
  }

  /** Where senders reach this box's data-transfer server. */
  TransferAddress transferAddress() {
    return new TransferAddress(sockets.source(), dataTransferPort);
  }

  /** A new client of the server at {@code base} (a CSS, or the bound's server): one call. */
  CssClient dial(URI base, Duration timeout) {
    return CssClient.create(base, tls, timeout, EventListener.NONE, sockets);
  }

  @Override
  public String toString() {
    return cbId + " (" + cbName + ", " + sockets.source().getHostAddress() + ")";
  }
}
