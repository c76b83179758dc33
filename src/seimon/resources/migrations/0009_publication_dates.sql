-- Publication dates (issue 15). Every stored row's vintage is the date its figure became known
-- (seimon.ingest.known): until now it was the load time, so history imported today was invisible to every past
-- date. Rows that are the first vintage of their fact are re-dated by the release calendar (the 27th of the month
-- after a monthly/year-to-date period; 1 March after an annual one), never later than they were loaded; revisions
-- keep their load time. Register entries are known from 成立日期, else from 1900-01-01. A batch records the
-- publication date it was imported with (--published), and a period of enterprise data can be released.

ALTER TABLE batches ADD COLUMN published DATE;

UPDATE reports SET vintage = least(vintage, CAST(CASE WHEN reports.period_kind = 'year' OR (reports.period_kind = 'point' AND reports.end_month = 12) THEN make_date(reports.year + 1, 3, 1) WHEN reports.end_month = 12 THEN make_date(reports.year + 1, 1, 27) ELSE make_date(reports.year, reports.end_month + 1, 27) END AS TIMESTAMP))
WHERE NOT EXISTS (SELECT 1 FROM reports o WHERE o.credit_code = reports.credit_code AND o.period = reports.period AND o.vintage < reports.vintage);

UPDATE deflators SET vintage = least(vintage, CAST(CASE WHEN deflators.period_kind = 'year' OR (deflators.period_kind = 'point' AND deflators.end_month = 12) THEN make_date(deflators.year + 1, 3, 1) WHEN deflators.end_month = 12 THEN make_date(deflators.year + 1, 1, 27) ELSE make_date(deflators.year, deflators.end_month + 1, 27) END AS TIMESTAMP))
WHERE NOT EXISTS (SELECT 1 FROM deflators o WHERE o.division = deflators.division AND o.period = deflators.period AND o.vintage < deflators.vintage);

UPDATE regional SET vintage = least(vintage, CAST(CASE WHEN regional.period_kind = 'year' OR (regional.period_kind = 'point' AND regional.end_month = 12) THEN make_date(regional.year + 1, 3, 1) WHEN regional.end_month = 12 THEN make_date(regional.year + 1, 1, 27) ELSE make_date(regional.year, regional.end_month + 1, 27) END AS TIMESTAMP))
WHERE NOT EXISTS (SELECT 1 FROM regional o WHERE o.region = regional.region AND o.period = regional.period AND o.indicator = regional.indicator AND o.vintage < regional.vintage);

UPDATE observations SET vintage = least(vintage, CAST(CASE WHEN observations.period_kind = 'year' OR (observations.period_kind = 'point' AND observations.end_month = 12) THEN make_date(observations.year + 1, 3, 1) WHEN observations.end_month = 12 THEN make_date(observations.year + 1, 1, 27) ELSE make_date(observations.year, observations.end_month + 1, 27) END AS TIMESTAMP))
WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE o.indicator = observations.indicator AND o.region = observations.region AND o.period = observations.period AND o.vintage < observations.vintage) AND published IS NULL;

UPDATE enterprises SET vintage = COALESCE(CAST(established AS TIMESTAMP), TIMESTAMP '1900-01-01 00:00:00')
WHERE NOT EXISTS (SELECT 1 FROM enterprises o WHERE o.credit_code = enterprises.credit_code AND o.vintage < enterprises.vintage);

-- A period of enterprise data released (发布) on a date: headlines show released periods, and submissions approved
-- later for a released period are revisions. One row per release; a period released again keeps its history.
CREATE TABLE IF NOT EXISTS period_releases (
    period VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    released_on DATE NOT NULL,
    enterprises_reported INTEGER NOT NULL,
    enterprises_expected INTEGER NOT NULL,
    recorded_by VARCHAR,
    recorded_at TIMESTAMP NOT NULL,
    note VARCHAR
);
