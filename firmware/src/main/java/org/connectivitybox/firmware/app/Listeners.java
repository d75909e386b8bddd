package org.connectivitybox.firmware.app;

import java.util.List;
import org.connectivitybox.firmware.coordinator.Coordinator;
import org.connectivitybox.firmware.coordinator.Phase;
import org.connectivitybox.firmware.coordinator.SendResult;
import org.connectivitybox.protocols.transfer.ReceivedDocument;
import org.connectivitybox.protocols.transfer.TransferProgress;
import org.tinylog.Logger;

/** Several coordinator listeners as one; one failing listener does not stop the others. */
final class Listeners implements Coordinator.Listener {
  private final List<Coordinator.Listener> all;

  Listeners(List<Coordinator.Listener> all) {
    this.all = List.copyOf(all);
  }

  private void each(java.util.function.Consumer<Coordinator.Listener> call) {
    for (Coordinator.Listener l : all) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        Logger.error(e, "listener {} failed", l);
      }
    }
  }

  @Override
  public void phase(Phase phase, String detail) {
    each(l -> l.phase(phase, detail));
  }

  @Override
  public void sendProgress(TransferProgress progress) {
    each(l -> l.sendProgress(progress));
  }

  @Override
  public void sendEnded(SendResult result) {
    each(l -> l.sendEnded(result));
  }

  @Override
  public void receiveProgress(TransferProgress progress) {
    each(l -> l.receiveProgress(progress));
  }

  @Override
  public void received(ReceivedDocument document, String printed) {
    each(l -> l.received(document, printed));
  }

  @Override
  public void printFailed(ReceivedDocument document, String why) {
    each(l -> l.printFailed(document, why));
  }
}
