/**
 * The send/receive manager protocol (box entity 46, CSS entity 71): SEND, VERIFY and METERING
 * (interim and final), their records and codec, and the state machines of Figure 4
 * ({@link org.connectivitybox.protocols.sendreceive.BoxSendReceiveManager}) and Figure 8
 * ({@link org.connectivitybox.protocols.sendreceive.CssJob}, kept by
 * {@link org.connectivitybox.protocols.sendreceive.CssSendReceiveManager}).
 *
 * <p>The machines are pure: no HTTP, no database. Time comes from an injected
 * {@link org.connectivitybox.protocols.time.Scheduler}.
 */
package org.connectivitybox.protocols.sendreceive;
