/**
 * The CSS's send/receive manager: SEND, VERIFY and METERING (docs/protocol.md), served from the
 * database one transaction each ({@link org.connectivitybox.css.sendreceive.SendReceiveManager})
 * behind one URL each ({@link org.connectivitybox.css.sendreceive.SendReceiveEndpoint}).
 */
package org.connectivitybox.css.sendreceive;
