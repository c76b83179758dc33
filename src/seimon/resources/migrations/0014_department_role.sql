-- The department role and register edits in the web (issue 16).
-- Portable SQL for DuckDB and PostgreSQL (ADD COLUMN IF NOT EXISTS; BYTEA is DuckDB's alias of BLOB).

-- A department account (role `department`) carries the name of its provincial department, e.g. 省科技厅:
-- it sees and edits the projects whose 责任单位, the tasks whose 责任单位 and the targets whose 牵头单位 or
-- 配合单位 is that name (seimon.access.register_scope). NULL for every other role.
ALTER TABLE users ADD COLUMN IF NOT EXISTS department VARCHAR;

CREATE SEQUENCE IF NOT EXISTS evidence_id_seq START 1;

-- Evidence attached to a task report made in the web (佐证材料): the file as sent, kept beside the
-- register. A task report's `attachment` names it as `evidence:<id>/<file name>`; files are never
-- replaced or deleted (a new report attaches a new file), so every earlier report keeps its evidence.
CREATE TABLE IF NOT EXISTS evidence_files (
    evidence_id BIGINT PRIMARY KEY,
    task_id VARCHAR NOT NULL,
    filename VARCHAR NOT NULL,
    media_type VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 VARCHAR NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by VARCHAR NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS evidence_files_task ON evidence_files (task_id);
