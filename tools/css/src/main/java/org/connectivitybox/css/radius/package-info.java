/**
 * RADIUS in the CSS: the configuration authorisation server of Figure 15 (Phase II) and the
 * authentication of the subscribers' local NAP logins, with accounting ({@link
 * org.connectivitybox.css.radius.CssRadius}). The contract with NAPs is in docs/protocol.md,
 * "RADIUS"; options and admin endpoints in tools/css/README.md.
 */
package org.connectivitybox.css.radius;
