package org.connectivitybox.protocols.pstn;

/**
 * What the modem accepted during initialisation.
 *
 * @param callerId caller-ID reports are on (the profile's command was answered OK)
 * @param distinctiveRing DRON/DROF cadence reports are on
 */
public record ModemCapabilities(boolean callerId, boolean distinctiveRing) {}
