-- The connection data object (Figure 7) keeps the port of the box's data-transfer server, given
-- in its CONNECT request, beside the address the CSS saw the connection come from.
ALTER TABLE connections ADD COLUMN data_transfer_port INTEGER;
