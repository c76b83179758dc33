-- Reference registers and enterprise classification (issue 3).
-- Portable SQL for DuckDB and PostgreSQL. Codes are text: GB/T 4754 "0111", SEI "5.2", regions "130682".

-- Editions of imported code lists (GB/T 4754-2017+2019修改单, SEI-2018, NBS-2023); the newest one per
-- register replaces the built-in table.
CREATE TABLE IF NOT EXISTS ref_editions (
    register VARCHAR NOT NULL,
    edition VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    source VARCHAR,
    row_count INTEGER NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (register, edition)
);

-- GB/T 4754 four-digit classes imported from the official table.
CREATE TABLE IF NOT EXISTS ref_industry_classes (
    edition VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    name_zh VARCHAR NOT NULL,
    source_row INTEGER,
    PRIMARY KEY (edition, code)
);

-- SEI 2018 item -> GB/T 4754 class pairs imported from the official table; partial = class marked "*".
-- sei_code is a level-2 item ("5.2"), or a field ("3") where the file lost the item.
CREATE TABLE IF NOT EXISTS ref_sei_concordance (
    edition VARCHAR NOT NULL,
    sei_code VARCHAR NOT NULL,
    class_code VARCHAR NOT NULL,
    partial BOOLEAN NOT NULL,
    item_zh VARCHAR,
    class_name_zh VARCHAR,
    key_products VARCHAR,
    source_row INTEGER
);

-- Human decisions on enterprises whose class does not place them automatically. History is kept;
-- the newest decision for (credit_code, class_code) applies. sei_code "none" = not SEI.
CREATE TABLE IF NOT EXISTS classification_decisions (
    credit_code VARCHAR NOT NULL,
    class_code VARCHAR NOT NULL,
    sei_code VARCHAR NOT NULL,
    who VARCHAR NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    reason VARCHAR NOT NULL,
    edition VARCHAR NOT NULL
);

-- Current classification of each enterprise: one row per assigned SEI item, or a single row with
-- sei_code NULL when pending (status 'pending') or outside SEI (status 'not_sei').
CREATE TABLE IF NOT EXISTS enterprise_classifications (
    credit_code VARCHAR NOT NULL,
    class_code VARCHAR NOT NULL,
    products VARCHAR,
    base VARCHAR,
    edition VARCHAR NOT NULL,
    industry_edition VARCHAR NOT NULL,
    concordance_origin VARCHAR NOT NULL,
    sei_code VARCHAR,
    field_code VARCHAR,
    plan_industry VARCHAR,
    method VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    reason_zh VARCHAR NOT NULL,
    reason_en VARCHAR NOT NULL,
    classified_at TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_enterprise_classifications_credit ON enterprise_classifications (credit_code);
CREATE INDEX IF NOT EXISTS idx_classification_decisions_key ON classification_decisions (credit_code, class_code);
