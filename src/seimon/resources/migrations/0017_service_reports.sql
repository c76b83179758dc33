-- Above-scale services enterprises (issue 19): the services half of SEI statistics. NBS collects the finances of
-- 规模以上服务业 enterprises on its own form (财务状况, monthly for the larger sectors, quarterly for others), always
-- year to date; each row is one enterprise and one span from January (stored as YYYY-01..MM like `reports`).
-- Money in 万元. revenue_prior is the same enterprise's 营业收入 a year earlier (同口径 growth); payroll (应付职工薪酬
-- 本年贷方累计发生额), taxes (税金及附加), vat (应交增值税), depreciation (本年折旧) and operating_profit (营业利润) are the
-- parts of the income-approach estimate of value added (seimon.indicators, docs/scope.md). Enterprises are rows of
-- the ordinary register (`enterprises`): classification, regions and bases are shared with industry.
-- PostgreSQL also gets the partial unique index of 0008: one current row per (enterprise, period).
CREATE TABLE IF NOT EXISTS service_reports (
    credit_code VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    period_kind VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    start_month INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    revenue DOUBLE PRECISION,
    revenue_prior DOUBLE PRECISION,
    operating_cost DOUBLE PRECISION,
    operating_profit DOUBLE PRECISION,
    payroll DOUBLE PRECISION,
    taxes DOUBLE PRECISION,
    vat DOUBLE PRECISION,
    depreciation DOUBLE PRECISION,
    employees DOUBLE PRECISION,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uq_service_reports_current ON service_reports (credit_code, period) WHERE is_current;
