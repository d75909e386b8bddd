-- Zero-touch configuration (Figure 15, docs/configuration.md).

-- The SRMS subscriber record written in Phase I: who the subscriber is and how they are billed.
-- billing is the call centre's free JSON object, kept as text; the CSS does not read inside it.
CREATE TABLE srms_subscribers (
  cb_id          VARCHAR(64)   NOT NULL PRIMARY KEY REFERENCES subscribers (cb_id) ON DELETE CASCADE,
  name           VARCHAR(200)  NOT NULL,
  postal_address VARCHAR(1000) NOT NULL,
  billing        VARCHAR(8000) NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Where a registered box is in Phases II and III: REGISTERED (Phase I done), DOWNLOADED (the box
-- took its parameters 191), CONFIGURED (it CONNECTed with its CB certificate), FAILED (error says
-- why: SERIAL_MISMATCH, BOX_UNREACHABLE, BOX_REFUSED, WAKEUP_FAILED, CALLBACK_TIMED_OUT, ...).
-- friendly_name is the name the box's LCD shows (parameters 191), given at registration.
CREATE TABLE configurations (
  cb_id         VARCHAR(64)   NOT NULL PRIMARY KEY REFERENCES subscribers (cb_id) ON DELETE CASCADE,
  friendly_name VARCHAR(64)   NOT NULL,
  state         VARCHAR(16)   NOT NULL,
  error         VARCHAR(32),
  detail        VARCHAR(1000),
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT configurations_state_check
      CHECK (state IN ('REGISTERED', 'DOWNLOADED', 'CONFIGURED', 'FAILED'))
);
