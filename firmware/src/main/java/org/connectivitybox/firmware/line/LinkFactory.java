package org.connectivitybox.firmware.line;

import org.connectivitybox.protocols.pstn.DataCall;
import org.connectivitybox.protocols.ppp.Link;

/**
 * Makes the PPP layer's link over a connected data call: {@code SimulatorLink} on the desktop
 * (the simulator's NAP login), {@code PppdLink} on the board (pppd on the modem's tty).
 */
@FunctionalInterface
public interface LinkFactory {
  Link over(DataCall call);
}
