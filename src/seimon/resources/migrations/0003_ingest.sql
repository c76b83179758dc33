-- Data in (issue 4): batches, quarantine, and the stored facts with provenance and vintages.
-- Contract for later stages (indicators, assessment): read facts WHERE is_current, or, for an
-- earlier vintage, the latest row per key with vintage <= the date asked for. Money is in 万元.
-- Periods are stored as the canonical code of seimon.periods.Period plus its parts.

CREATE SEQUENCE IF NOT EXISTS batch_id_seq START 1;

-- One import of one file (and sheet). status: loaded | partial | rejected | unchanged.
CREATE TABLE IF NOT EXISTS batches (
    batch_id BIGINT PRIMARY KEY,
    kind VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    file_path VARCHAR,
    file_hash VARCHAR NOT NULL,
    sheet VARCHAR,
    user_name VARCHAR,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    rows_read INTEGER NOT NULL DEFAULT 0,
    rows_loaded INTEGER NOT NULL DEFAULT 0,
    rows_quarantined INTEGER NOT NULL DEFAULT 0,
    rows_superseded INTEGER NOT NULL DEFAULT 0,
    status VARCHAR NOT NULL,
    message_zh VARCHAR,
    message_en VARCHAR
);

-- Rejected rows, never dropped: where, which rule, the offending value, and the whole raw row as JSON.
CREATE TABLE IF NOT EXISTS quarantine (
    batch_id BIGINT NOT NULL,
    file_name VARCHAR NOT NULL,
    sheet VARCHAR,
    row_number INTEGER,
    field VARCHAR,
    rule VARCHAR NOT NULL,
    value VARCHAR,
    severity VARCHAR NOT NULL,
    message_zh VARCHAR NOT NULL,
    message_en VARCHAR NOT NULL,
    raw_json VARCHAR,
    resolved_by_batch BIGINT
);

-- The enterprise register; a changed row for the same credit code is a new vintage.
CREATE TABLE IF NOT EXISTS enterprises (
    credit_code VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    region VARCHAR NOT NULL,
    industry VARCHAR NOT NULL,
    products VARCHAR,
    base VARCHAR,
    size VARCHAR,
    established DATE,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);

-- Above-scale industry periodic reports: year-to-date cumulative, current prices, 万元.
-- value_added_prior: the same enterprise's value added in the same period of the prior year (同口径).
CREATE TABLE IF NOT EXISTS reports (
    credit_code VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    period_kind VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    start_month INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    revenue DOUBLE PRECISION,
    value_added DOUBLE PRECISION,
    value_added_prior DOUBLE PRECISION,
    profit DOUBLE PRECISION,
    rd_expenditure DOUBLE PRECISION,
    employees DOUBLE PRECISION,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);

-- Price indices by GB/T 4754 division and period (same period of prior year = 100).
CREATE TABLE IF NOT EXISTS deflators (
    division VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    period_kind VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    start_month INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    index_value DOUBLE PRECISION NOT NULL,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);

-- Regional aggregates (GDP, above-scale industry value added ...), value in `unit` as converted.
CREATE TABLE IF NOT EXISTS regional (
    region VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    period_kind VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    start_month INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    indicator VARCHAR NOT NULL,
    value DOUBLE PRECISION,
    unit VARCHAR NOT NULL,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);

-- Published figures. The vintage is the publication date: a later publication of the same
-- (indicator, region, period) supersedes the earlier one, which is kept (is_current = false).
CREATE TABLE IF NOT EXISTS observations (
    indicator VARCHAR NOT NULL,
    region VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    period_kind VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    start_month INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    point_date DATE,
    value DOUBLE PRECISION,
    unit VARCHAR NOT NULL,
    value_as_written VARCHAR,
    unit_as_written VARCHAR,
    source VARCHAR,
    reliability VARCHAR,
    note VARCHAR,
    published DATE,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_reports_key ON reports (credit_code, period);
CREATE INDEX IF NOT EXISTS idx_enterprises_key ON enterprises (credit_code);
CREATE INDEX IF NOT EXISTS idx_observations_key ON observations (indicator, region, period);
CREATE INDEX IF NOT EXISTS idx_quarantine_batch ON quarantine (batch_id);
