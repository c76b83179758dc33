-- Access control (issue 8): platform users, login sessions and the audit log.
-- Portable SQL for DuckDB and PostgreSQL. Times are naive UTC, as everywhere in the store.

-- One account. role: admin | analyst | city | enterprise | evaluator (seimon.access.roles.Role);
-- region is set for city users only (a reporting unit, e.g. 130600 保定 or 130682 定州), credit_code for
-- enterprise users only. password_hash is an encoded Argon2id hash: never printed, logged or returned.
CREATE TABLE IF NOT EXISTS users (
    username VARCHAR PRIMARY KEY,
    password_hash VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    region VARCHAR,
    credit_code VARCHAR,
    display_name VARCHAR,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP
);

-- A login session: only the SHA-256 (hex) of the random token is kept, so a copy of the store cannot be
-- replayed as a login. A revoked session is deleted.
CREATE TABLE IF NOT EXISTS sessions (
    token_hash VARCHAR PRIMARY KEY,
    username VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS sessions_username ON sessions (username);

CREATE SEQUENCE IF NOT EXISTS audit_id_seq START 1;

-- Who did what, when, from where: logins, downloads of microdata and internal reports, approvals, user
-- changes. detail is a JSON object as text. Rows are only ever appended. "at" is quoted: a DuckDB keyword.
CREATE TABLE IF NOT EXISTS audit_log (
    id BIGINT PRIMARY KEY,
    "at" TIMESTAMP NOT NULL,
    username VARCHAR,
    role VARCHAR,
    action VARCHAR NOT NULL,
    target VARCHAR,
    detail VARCHAR,
    ip VARCHAR
);

CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log ("at");
