-- Import pipeline (issue 4): the key of a quarantined row, so that a corrected file sent with
-- `seimon quarantine retry` can mark the rows it fixes (resolved_by_batch), matched by key when the
-- corrected file carries no 行号/row column. Format: key values joined by "|", e.g.
-- "91130100MA0000001X|2020-01..09".
ALTER TABLE quarantine ADD COLUMN row_key VARCHAR;
