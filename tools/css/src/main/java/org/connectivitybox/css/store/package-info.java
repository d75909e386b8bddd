/**
 * The CSS's records in a relational database: subscriber records, connections, jobs, billing
 * records (SRMS) and legitimate serials. Plain JDBC through a HikariCP pool; the schema is made by
 * Flyway migrations ({@code db/migration}) that run unchanged on H2 and PostgreSQL.
 *
 * <p>Every method opens, uses and returns its own connection, so repositories are safe for
 * concurrent use and keep no state that a second CSS node would need. Failures are {@link
 * org.connectivitybox.css.store.StoreException}s with a one-line message.
 */
package org.connectivitybox.css.store;
