package org.connectivitybox.css.store;

import java.time.Clock;

/** The repositories over one database, made together so that they share its clock. */
public record Repositories(SubscriberRecords subscribers, Connections connections, Jobs jobs,
    BillingRecords billing, LegitimateSerials serials, JobTransactions jobTransactions,
    AddressBooks addressBooks, NapSessions napSessions, Registrations registrations,
    Database database) {

  public static Repositories over(Database db, Clock clock) {
    return new Repositories(new SubscriberRecords(db, clock), new Connections(db, clock),
        new Jobs(db, clock), new BillingRecords(db, clock), new LegitimateSerials(db, clock),
        new JobTransactions(db, clock), new AddressBooks(db), new NapSessions(db, clock),
        new Registrations(db, clock), db);
  }
}
