-- Tracking registers (issue 16): who is responsible for what. Imported through the ordinary pipeline
-- (seimon.ingest), so every row has its batch, row number, vintage and is_current like the data tables of
-- 0003_ingest.sql. Money is in 万元. Read by seimon.tracking.

-- The project register (项目库): one current row per project id; a changed row is a new vintage.
-- industry: the plan's industry id; subfield: its numbered sub-field's id when the register names one.
CREATE TABLE IF NOT EXISTS projects (
    project_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    industry VARCHAR NOT NULL,
    subfield VARCHAR,
    region VARCHAR NOT NULL,
    base VARCHAR,
    unit_code VARCHAR,
    department VARCHAR NOT NULL,
    total_investment DOUBLE PRECISION NOT NULL,
    annual_investment DOUBLE PRECISION,
    planned_start DATE NOT NULL,
    planned_finish DATE NOT NULL,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);

-- Progress reports (项目进度): cumulative investment completed and the state at the end of a period.
-- The vintage is the date the report was made (报送日期, `published`) when the file gives one, else the
-- import time: "as of D" reads only reports whose vintage is on or before D.
CREATE TABLE IF NOT EXISTS project_progress (
    project_id VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    period_kind VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    start_month INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    completed_investment DOUBLE PRECISION NOT NULL,
    status VARCHAR NOT NULL,
    note VARCHAR,
    published DATE,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);

-- Targets broken down (目标分解): a plan target's figure for one region (130000 = the province) and one
-- year (the deadline year is the final figure, earlier years are milestones), in the target's unit, with
-- the lead (牵头单位) and partner (配合单位, separated by 、) departments.
CREATE TABLE IF NOT EXISTS responsibilities (
    target VARCHAR NOT NULL,
    region VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE PRECISION,
    unit VARCHAR,
    value_as_written VARCHAR,
    unit_as_written VARCHAR,
    lead VARCHAR,
    partners VARCHAR,
    note VARCHAR,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_projects_key ON projects (project_id);
CREATE INDEX IF NOT EXISTS idx_project_progress_key ON project_progress (project_id, period);
CREATE INDEX IF NOT EXISTS idx_responsibilities_key ON responsibilities (target, region, year);

-- Tasks (任务分工): the roadmap actions of 专栏1–12 and the safeguard measures come from the plan
-- (seimon.tracking.tasks); this register assigns each its responsible unit, partners and deadline.
CREATE TABLE IF NOT EXISTS task_assignments (
    task_id VARCHAR NOT NULL,
    department VARCHAR NOT NULL,
    partners VARCHAR,
    deadline DATE NOT NULL,
    note VARCHAR,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);

-- Status reports of tasks (任务进展): text, state and an attachment (佐证材料: a file name, path or URL)
-- as evidence, dated by 报送日期 (the vintage): "as of D" reads the reports made on or before D.
CREATE TABLE IF NOT EXISTS task_reports (
    task_id VARCHAR NOT NULL,
    published DATE NOT NULL,
    status VARCHAR NOT NULL,
    progress VARCHAR NOT NULL,
    attachment VARCHAR,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);

-- The base register (基地名录): names, zones, regions (codes separated by 、) and leading industries of the
-- plan's 35 bases; the plan names the 5 national ones and leaves 30 provincial slots (provincial_slot_NN)
-- that this register fills. Enterprises are assigned to bases by the 所属基地 of the enterprise register.
CREATE TABLE IF NOT EXISTS base_register (
    base_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    level VARCHAR,
    zone VARCHAR,
    regions VARCHAR,
    industries VARCHAR,
    recognised DATE,
    note VARCHAR,
    extra_json VARCHAR,
    batch_id BIGINT NOT NULL,
    row_number INTEGER,
    vintage TIMESTAMP NOT NULL,
    is_current BOOLEAN NOT NULL
);
