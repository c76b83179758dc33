-- Enterprise reports are year-to-date cumulative flows: their key is the enterprise and the (year, last month)
-- they cover. Before 0008 the stored period code followed the spelling ("2020" kind year, "2020H1", "2020Q1"
-- beside "2020-01..12", "2020-01..06", "2020-01..03"), so one enterprise could hold two current rows for one
-- figure and aggregates counted it twice. Imports now store every period from January as YYYY-01..MM (kind
-- ytd); this brings the stored rows in line and keeps one current row per key: the latest vintage, then the
-- highest batch, then the last row of that batch. Earlier rows stay as superseded vintages.
-- PostgreSQL also gets a partial unique index so that two current rows for one key cannot happen again; DuckDB
-- has no partial indexes and replaces this file with 0008_canonical_report_periods.duckdb.sql.
UPDATE reports
SET period = CAST(year AS VARCHAR) || '-01..' || lpad(CAST(end_month AS VARCHAR), 2, '0'), period_kind = 'ytd'
WHERE start_month = 1 AND period_kind IN ('year', 'half', 'quarter', 'ytd')
  AND period <> CAST(year AS VARCHAR) || '-01..' || lpad(CAST(end_month AS VARCHAR), 2, '0');
UPDATE reports SET is_current = FALSE
WHERE is_current AND EXISTS (
    SELECT 1 FROM reports o
    WHERE o.is_current AND o.credit_code = reports.credit_code AND o.period = reports.period
      AND (o.vintage > reports.vintage
           OR (o.vintage = reports.vintage AND o.batch_id > reports.batch_id)
           OR (o.vintage = reports.vintage AND o.batch_id = reports.batch_id
               AND coalesce(o.row_number, 0) > coalesce(reports.row_number, 0)))
);
CREATE UNIQUE INDEX IF NOT EXISTS uq_reports_current ON reports (credit_code, period) WHERE is_current;
