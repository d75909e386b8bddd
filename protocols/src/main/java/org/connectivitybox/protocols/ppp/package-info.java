/**
 * The PPP layer of Figure 2: bringing the box's IP link up over a connected call.
 *
 * <p>After {@code CONNECT} the PSTN layer hands a {@link org.connectivitybox.protocols.ppp.Link}
 * the call's data channel; the link logs in with the box's {@link
 * org.connectivitybox.protocols.ppp.Credentials} and yields a typed {@link
 * org.connectivitybox.protocols.ppp.LinkOutcome}: up with the box's local address and the peer's,
 * rejected by the NAP, timed out, or failed. A link that was up reports going down to its {@link
 * org.connectivitybox.protocols.ppp.LinkListener}s.
 *
 * <pre>
 *   TCP/IP (kernel)  sockets bound to the local address of LinkOutcome.Up
 *   ------------------------------------------------------------------------
 *   PPP   board:   PppdLink      pppd on the modem's tty (PAP + IPCP for real)
 *         desktop: SimulatorLink  docs/pstn.md section 3 (NAP READY / LOGIN / ADDRESS)
 *   ------------------------------------------------------------------------
 *   PSTN  the connected call: data InputStream/OutputStream (+ tty path for pppd)
 * </pre>
 *
 * <p>Time comes in through a {@link java.time.Clock} and a {@link
 * org.connectivitybox.protocols.time.Scheduler}, so every timeout is tested without sleeping.
 */
package org.connectivitybox.protocols.ppp;
