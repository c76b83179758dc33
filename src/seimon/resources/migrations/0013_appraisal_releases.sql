-- Appraisal results released to the public (issue 17): the admin decides when an appraisal of a year is
-- published (考核结果公开); until then the public sees nothing of it. One row per (year, units) released.
-- Portable SQL for DuckDB and PostgreSQL. Times are naive UTC, as everywhere in the store.
CREATE TABLE IF NOT EXISTS appraisal_releases (
    year INTEGER NOT NULL,
    units VARCHAR NOT NULL,
    released_at TIMESTAMP NOT NULL,
    released_by VARCHAR NOT NULL,
    PRIMARY KEY (year, units)
);
