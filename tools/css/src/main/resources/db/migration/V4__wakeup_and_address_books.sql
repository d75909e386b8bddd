-- The wakeup path and the job timeout (Figure 8): a job waits in OPENING for its woken receiver
-- until wakeup_deadline; activated_at starts the job timeout; close_reason says why a job ended
-- in CLOSED other than by both final METERINGs (a SendRefusal name, SENDER_GONE, JOB_TIMED_OUT).
ALTER TABLE jobs ADD COLUMN wakeup_deadline TIMESTAMP WITH TIME ZONE;
ALTER TABLE jobs ADD COLUMN activated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE jobs ADD COLUMN close_reason VARCHAR(32);
CREATE INDEX jobs_state ON jobs (state);

-- A subscriber's address book as the CSS keeps it (the master address book): the CB names of the
-- boxes it lists, with the friendly name shown on its LCD. The ADDRESS_BOOK rule admits a sender
-- whose CB name is listed here.
CREATE TABLE address_book_entries (
  owner_cb_id   VARCHAR(64) NOT NULL REFERENCES subscribers (cb_id) ON DELETE CASCADE,
  entry_cb_name VARCHAR(64) NOT NULL,
  friendly_name VARCHAR(64) NOT NULL,
  PRIMARY KEY (owner_cb_id, entry_cb_name)
);
