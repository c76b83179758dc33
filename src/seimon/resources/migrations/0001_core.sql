-- Core tables shared by every stage: a key-value table for store-level settings.
CREATE TABLE IF NOT EXISTS store_settings (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
