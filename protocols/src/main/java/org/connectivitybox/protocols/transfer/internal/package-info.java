/** Internals of the data-transfer protocol: the receiver's durable partial documents. */
package org.connectivitybox.protocols.transfer.internal;
