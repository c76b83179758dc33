-- Submissions keep only so many rejected originals (issue 22): the bytes of an older rejected file are
-- dropped (content set to empty) and the time is recorded here; its metadata, SHA-256, size and full
-- validation report stay. Portable: DuckDB and PostgreSQL both accept ADD COLUMN IF NOT EXISTS.
ALTER TABLE submissions ADD COLUMN IF NOT EXISTS content_dropped_at TIMESTAMP;
