-- Talent demand (issue 18, plan 四(八) 紧缺人才目录): an enterprise's stated demand for one occupation in a year
-- (2020) or a month (2020-06). occupation is the name (free text, or the name after a code of 《中华人民共和国职业
-- 分类大典》); occupation_code is that code when the file gave one (2-02-10-09). demand is a headcount (人, whole
-- number ≥ 0); education the stated minimum (学历要求), published the row's 发布日期 (its vintage when given).
-- The enterprise is a row of the ordinary register: its plan industry comes from enterprise_classifications.
-- PostgreSQL also gets the partial unique index of 0008: one current row per (enterprise, period, occupation).
CREATE TABLE IF NOT EXISTS talent_demand (
    credit_code VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    period_kind VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    start_month INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    occupation VARCHAR NOT NULL,
    occupation_code VARCHAR,
    demand DOUBLE PRECISION,
    education VARCHAR,
    published DATE,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uq_talent_demand_current ON talent_demand (credit_code, period, occupation)
    WHERE is_current;
