package org.connectivitybox.css.store;

/**
 * A job with what its SEND linked: the sender's address (VERIFY checks it), the receiver's CB
 * name and the receiver's data-transfer address given to the sender.
 */
public record LinkedJob(Job job, String senderAddress, String receiverName,
    String receiverAddress, Integer receiverPort) {}
