-- Data submissions (issue 8): a file uploaded through the platform, its dry-run validation report, and
-- its way through review: validated -> submitted -> approved (landed as batch batch_id) | returned.
-- Portable SQL: BYTEA is PostgreSQL's binary type and DuckDB's alias of BLOB, so one file serves both.
-- Times are naive UTC, as everywhere in the store.

CREATE SEQUENCE IF NOT EXISTS submission_id_seq START 1;

-- One uploaded file (at most 50 MB, seimon.ingest.submissions.MAX_UPLOAD_BYTES), kept as sent.
-- validation_status: what importing it would do (loaded | partial | rejected | unchanged), with the
-- counts of the report; report: the whole ValidationReport as JSON text (every problem).
-- region / credit_code: the submitter's scope (a city's region code, an enterprise's credit code).
-- replaces: the returned submission this one corrects, if any.
CREATE TABLE IF NOT EXISTS submissions (
    id BIGINT PRIMARY KEY,
    kind VARCHAR NOT NULL,
    filename VARCHAR NOT NULL,
    sheet VARCHAR,
    content BYTEA NOT NULL,
    sha256 VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    status VARCHAR NOT NULL,
    validation_status VARCHAR NOT NULL,
    rows_read INTEGER NOT NULL DEFAULT 0,
    rows_valid INTEGER NOT NULL DEFAULT 0,
    rows_quarantined INTEGER NOT NULL DEFAULT 0,
    rows_warned INTEGER NOT NULL DEFAULT 0,
    submitted_by VARCHAR NOT NULL,
    region VARCHAR,
    credit_code VARCHAR,
    replaces BIGINT,
    created_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    decided_at TIMESTAMP,
    decided_by VARCHAR,
    decision_note VARCHAR,
    batch_id BIGINT,
    report VARCHAR NOT NULL
);

-- No index on status: DuckDB turns an UPDATE of an indexed column into a delete and insert, and a
-- submission's status changes; the table stays small (one row per uploaded file).
CREATE INDEX IF NOT EXISTS idx_submissions_by ON submissions (submitted_by);
