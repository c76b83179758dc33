-- DuckDB answers the key matches of an import with hash joins and point lookups with zone maps; its ART index on
-- reports (credit_code, period) was never used by a query, yet maintaining it cost about 1.6 s per million rows
-- imported (measured with benchmarks/import_reports.py), a third of a large import.
DROP INDEX IF EXISTS idx_reports_key;
