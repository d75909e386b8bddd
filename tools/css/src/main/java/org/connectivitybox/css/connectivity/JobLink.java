package org.connectivitybox.css.connectivity;

import java.net.InetAddress;
import java.util.List;
import org.connectivitybox.css.store.Connections;
import org.connectivitybox.protocols.tls.CbId;

/**
 * What a change of a box's connection does to the jobs waiting in OPENING (Figure 8): the
 * send/receive manager's side of the connection transactions. The first two methods run inside
 * the connection transaction, with the box's subscriber row locked, and return the numbers of the
 * jobs they changed; {@link #committed} hears of them once that transaction has committed.
 */
public interface JobLink {
  /**
   * The box is CONNECTED at {@code address}: the jobs waiting for it as receiver go ACTIVE, and
   * the ACTIVE jobs it is sending follow it to its new address (a resume after a lost line).
   */
  List<Long> receiverConnected(Connections.Locked row, CbId cbId, InetAddress address,
      int dataTransferPort);

  /** The box's connection ended or was replaced: jobs it waits on as sender are abandoned. */
  List<Long> senderGone(Connections.Locked row, CbId cbId);

  /** The transaction that changed these jobs committed. */
  void committed(List<Long> jobs);

  /** No send/receive manager: connections change no job. */
  JobLink NONE = new JobLink() {
    @Override
    public List<Long> receiverConnected(Connections.Locked row, CbId cbId, InetAddress address,
        int dataTransferPort) {
      return List.of();
    }

    @Override
    public List<Long> senderGone(Connections.Locked row, CbId cbId) {
      return List.of();
    }

    @Override
    public void committed(List<Long> jobs) { }
  };
}
