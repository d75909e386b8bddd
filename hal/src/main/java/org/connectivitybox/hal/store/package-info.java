/**
 * The box's persistent store (memory 34 of the specification): named records, each written
 * atomically, checksummed and versioned.
 *
 * <p>On the board the store is a folder on the flash file system; the factory provisioning tool
 * writes the same folder into a device image. {@link org.connectivitybox.hal.store.RecordFile}
 * is the byte format of one record, {@link org.connectivitybox.hal.store.DirectoryStore} keeps
 * one file per record. What a record's payload means (parameters 190 and 191, the address book,
 * sequence numbers) is defined by the protocol layer that owns it, not here.
 */
package org.connectivitybox.hal.store;
