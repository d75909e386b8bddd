package org.connectivitybox.pstnsim.exchange;

/**
 * What hangs on a numbered line of the exchange: an emulated modem or a NAP. The exchange calls
 * these methods from its event thread, one at a time and in order (ring, caller ID, connected,
 * ended); {@link #received} comes from the call's pacing thread. Implementations must be fast,
 * must not throw, and must ignore events of a call that is no longer theirs.
 */
public interface Terminal {

  /** The line's number. */
  String number();

  /** The line's rate in bit/s; a call runs at the lower rate of its two lines. */
  int rateBps();

  /**
   * Offers an incoming call; the terminal takes it (and starts being busy) or refuses it.
   *
   * @return false if the line is busy
   */
  boolean offer(Call call);

  /** The start of ring burst {@code ring} (1, 2, ...) of an offered call. */
  void ringStarted(Call call, int ring, RingCadence cadence);

  /** The end of a ring burst: the silence of the cadence begins. */
  void ringEnded(Call call, int ring, RingCadence cadence);

  /** The caller-ID block, between the first and second ring. */
  void callerId(Call call, CallerId callerId);

  /** The call was answered; data may flow at {@code rateBps}. */
  void connected(Call call, int rateBps);

  /** Data bytes from the other end, already paced at the call's rate. */
  void received(Call call, byte[] data);

  /** The call ended for a reason this terminal did not cause itself. */
  void ended(Call call, EndCause cause);
}
