/**
 * The box-to-box data-transfer protocol (layer 47 of Figure 2; steps [k]–[o] of Figure 10),
 * specified in {@code docs/data-transfer.md}: TLS with both boxes' CB certificates, a SETUP with
 * the job number, VERIFY with the CSS before any data, chunks acknowledged only once durable,
 * resume after a dropped line, a SHA-256 digest of the whole document, queueing at the receiver.
 *
 * <pre>
 *   TransferSender ──▶ SenderSession (state)         TransferReceiver ──▶ ReceiverSession (state)
 *         │                                                 │  ├─▶ Verifier (the CSS's VERIFY)
 *         └──── FrameCodec: TransferMessage ⇄ bytes ────────┘  └─▶ internal.PartialStore (fsync)
 *   ─────────────────────── TLS (tls.TlsContext, CB purpose only) ───────────────────────
 *   ─────────────────────── TCP over the PPP link ────────────────────────────────────────
 * </pre>
 *
 * <p>Refusals and failures are typed results ({@link
 * org.connectivitybox.protocols.transfer.TransferOutcome}); progress and counts for METERING
 * come as {@link org.connectivitybox.protocols.transfer.TransferProgress} and {@link
 * org.connectivitybox.protocols.transfer.TransferCounts}. Time (the overall deadline) comes from
 * an injected {@link org.connectivitybox.protocols.time.Scheduler}; the per-frame timeout is the
 * socket's read timeout.
 */
package org.connectivitybox.protocols.transfer;
