package org.connectivitybox.pstnsim.config;

import org.connectivitybox.pstnsim.exchange.Presentation;

/**
 * A subscriber line with an emulated modem.
 *
 * @param port TCP port on 127.0.0.1 of the modem (0: ephemeral)
 * @param callerName the name sent in this line's caller ID, or null
 */
public record LineConfig(String number, int port, int rateBps, boolean dead,
    Presentation presentation, String callerName) {}
