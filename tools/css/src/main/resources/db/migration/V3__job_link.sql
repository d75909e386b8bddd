-- What a SEND linked: the sender's address (checked by VERIFY), the receiver's CB name (for the
-- billing record) and the receiver's data-transfer address given to the sender.
ALTER TABLE jobs ADD COLUMN sender_address VARCHAR(64);
ALTER TABLE jobs ADD COLUMN receiver_name VARCHAR(64);
ALTER TABLE jobs ADD COLUMN receiver_address VARCHAR(64);
ALTER TABLE jobs ADD COLUMN receiver_port INTEGER;
