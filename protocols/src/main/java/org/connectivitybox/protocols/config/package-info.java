/**
 * The configuration protocol entity's data (specification: Figure 15 and the configuration
 * section): the pre-installed parameters 190 written at the factory, and later the downloaded
 * parameters 191, with their codecs for the box's persistent store.
 */
package org.connectivitybox.protocols.config;
