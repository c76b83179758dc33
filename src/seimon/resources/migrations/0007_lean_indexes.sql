-- Indexes each engine actually uses. PostgreSQL keeps its B-tree on reports (credit_code, period): a corrected
-- report supersedes the stored one by that key and the enterprise pages look reports up by credit code.
-- DuckDB replaces this file with 0007_lean_indexes.duckdb.sql.
SELECT 1;
