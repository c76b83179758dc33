-- Third-party evaluations (issue 20, plan 五(八) “第三方…阶段性评估”): the admin opens a mid-term or final
-- evaluation as of a date and assigns it to an evaluator organisation; its evaluators judge every target,
-- ask the responsible departments for evidence, and sign. Portable SQL for DuckDB and PostgreSQL (BYTEA is
-- DuckDB's alias of BLOB). Times are naive UTC, as everywhere in the store. Read and written by
-- seimon.evaluation.records; the workflow (who may do what, the audit log) is seimon.services.evaluations.

-- Which evaluator organisation an evaluator account works for (one organisation per account).
CREATE TABLE IF NOT EXISTS evaluator_members (
    username VARCHAR PRIMARY KEY,
    organisation VARCHAR NOT NULL,
    added_at TIMESTAMP NOT NULL,
    added_by VARCHAR NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS evaluation_id_seq START 1;

-- One evaluation. kind: midterm | final; state: opened -> in_progress -> signed.
-- organisation: the evaluator organisation it is assigned to (NULL until assigned).
-- The sign-off: signatory (a person's name), signed_organisation, signed_on (the date on the signature page),
-- signed_by (the account that signed) and signed_at (when); after it every judgement is frozen.
CREATE TABLE IF NOT EXISTS evaluations (
    id BIGINT PRIMARY KEY,
    kind VARCHAR NOT NULL,
    as_of DATE NOT NULL,
    title VARCHAR,
    organisation VARCHAR,
    state VARCHAR NOT NULL,
    opened_at TIMESTAMP NOT NULL,
    opened_by VARCHAR NOT NULL,
    assigned_at TIMESTAMP,
    assigned_by VARCHAR,
    started_at TIMESTAMP,
    signatory VARCHAR,
    signed_organisation VARCHAR,
    signed_on DATE,
    signed_by VARCHAR,
    signed_at TIMESTAMP
);

-- The evaluator's judgement of one target. target_type: qualitative | quantitative.
-- verdict: achieved | partly | not_achieved (qualitative), confirmed | disputed (quantitative).
-- figure_*: the platform's figure the evaluator saw when judging (value, unit, period, source, vintage,
-- status), kept so the report shows what was confirmed or disputed.
CREATE TABLE IF NOT EXISTS evaluation_judgements (
    evaluation_id BIGINT NOT NULL,
    target VARCHAR NOT NULL,
    target_type VARCHAR NOT NULL,
    verdict VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    figure_value DOUBLE PRECISION,
    figure_unit VARCHAR,
    figure_period VARCHAR,
    figure_source VARCHAR,
    figure_vintage VARCHAR,
    figure_status VARCHAR,
    judged_by VARCHAR NOT NULL,
    judged_at TIMESTAMP NOT NULL,
    PRIMARY KEY (evaluation_id, target)
);

CREATE SEQUENCE IF NOT EXISTS evidence_request_id_seq START 1;

-- A request for evidence to a responsible department (the department's name as the responsibilities register
-- writes it), tracked like a task: requested -> answered; overdue while unanswered after due.
CREATE TABLE IF NOT EXISTS evidence_requests (
    id BIGINT PRIMARY KEY,
    evaluation_id BIGINT NOT NULL,
    target VARCHAR NOT NULL,
    department VARCHAR NOT NULL,
    question VARCHAR NOT NULL,
    due DATE NOT NULL,
    state VARCHAR NOT NULL,
    requested_by VARCHAR NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    answer VARCHAR,
    answered_by VARCHAR,
    answered_at TIMESTAMP
);

CREATE SEQUENCE IF NOT EXISTS evaluation_file_id_seq START 1;

-- Evidence files, kept as sent (bytes, SHA-256, size), like submission originals. owner: 'judgement' (key: the
-- target id) or 'request' (key: the evidence request id, the department's answer).
CREATE TABLE IF NOT EXISTS evaluation_files (
    id BIGINT PRIMARY KEY,
    evaluation_id BIGINT NOT NULL,
    owner VARCHAR NOT NULL,
    owner_key VARCHAR NOT NULL,
    filename VARCHAR NOT NULL,
    content BYTEA NOT NULL,
    sha256 VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    uploaded_by VARCHAR NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_evaluation_files_eval ON evaluation_files (evaluation_id);
CREATE INDEX IF NOT EXISTS idx_evidence_requests_eval ON evidence_requests (evaluation_id);
