/**
 * The address-book task (AB sync, Figures 11–14). Today: ABGET, the download of the master
 * address book with the CSS's address-book sequence number, which the initial address-book task
 * of Phase III uses.
 */
package org.connectivitybox.protocols.absync;
