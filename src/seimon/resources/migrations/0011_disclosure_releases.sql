-- Disclosure control (issue 18): a public release of a period's figures, protected as one whole.
-- A release records what was published and what withheld (the suppression pattern), the rules used and the
-- audit: each withheld cell's feasible interval (by linear programming over everything published in the
-- release and the earlier releases of the period) and whether it covers the protection level.
-- Later public answers for a released period come from here, so that two queries cannot be differenced;
-- a revision is a new release (revision_of the previous one) protected jointly with it.
-- Portable SQL (DuckDB and PostgreSQL). Times are naive UTC, as everywhere in the store.

CREATE SEQUENCE IF NOT EXISTS disclosure_release_id_seq START 1;

CREATE TABLE IF NOT EXISTS disclosure_releases (
    id BIGINT PRIMARY KEY,
    period VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    released_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR,
    revision_of BIGINT,
    indicators VARCHAR NOT NULL,
    rules VARCHAR NOT NULL,
    cells INTEGER NOT NULL,
    withheld INTEGER NOT NULL,
    audit_ok BOOLEAN NOT NULL,
    seconds DOUBLE PRECISION
);

-- One cell of a released table. table_name: total | region:reporting | region:geographic | sei_field | ...
-- cell_key: the cell's codes joined with "|" ("130800", "130100|5"). value: NULL when withheld.
-- status: published | threshold | dominance | secondary. lower/upper/protected: the audit of a withheld cell
-- (upper NULL = unbounded).
CREATE TABLE IF NOT EXISTS disclosure_cells (
    release_id BIGINT NOT NULL,
    indicator VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    cell_key VARCHAR NOT NULL,
    value DOUBLE PRECISION,
    status VARCHAR NOT NULL,
    lower_bound DOUBLE PRECISION,
    upper_bound DOUBLE PRECISION,
    protection DOUBLE PRECISION,
    protected BOOLEAN
);

CREATE INDEX IF NOT EXISTS disclosure_cells_release ON disclosure_cells (release_id, indicator);
