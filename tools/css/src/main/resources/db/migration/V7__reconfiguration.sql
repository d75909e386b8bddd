-- Reconfiguration (issue 6 item 6, docs/configuration.md "Reconfiguration"): the admin API bumps
-- a registered box's configuration sequence number by 1 (through the configuration NAP) or by 2
-- (through its local NAP) and sets its configuration row to RECONFIGURING until the box has
-- taken its new parameters 191.
ALTER TABLE configurations DROP CONSTRAINT configurations_state_check;
ALTER TABLE configurations ADD CONSTRAINT configurations_state_check
    CHECK (state IN ('REGISTERED', 'DOWNLOADED', 'CONFIGURED', 'FAILED', 'RECONFIGURING'));
