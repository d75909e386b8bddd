/** Helpers for the state machines the CSS rebuilds from database rows, one transaction long. */
package org.connectivitybox.css.rows;
