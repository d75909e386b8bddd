/**
 * The per-task sequence numbers of Figure 11 (the box's numbers 126, the CSS's numbers 130 in the
 * subscriber record) and the box's action indicators 134.
 *
 * <p>Only the CSS increments a sequence number (to ask for a task); only the box starts a task.
 * The box sends all its numbers in CONNECT, DISCONNECT and the sequence-number check; the CSS
 * answers with its own number for every task whose numbers differ, and the box keeps each such
 * number as the action indicator of that task until the task has been done.
 */
package org.connectivitybox.protocols.sequence;
