-- The indicator tables whose shape is fixed: the cube (one row per indicator, view, region, breakdown and
-- period), the log of its runs, the compiled cube plans kept per dialect (seimon.indicators.cubeplan) and the
-- stamps of the register side kept between runs (seimon.indicators.register_cache). Until this migration they
-- were created by the code at first use; IF NOT EXISTS keeps the tables such a store already has, and the two
-- columns later versions added to the run log are added where missing.
-- Tables rebuilt from data stay created by the code: ind_dim_region / ind_dim_unit (dropped and refilled when
-- the region register or unit table changes) and indicator_cube_register_<n> (copies of computed steps).

CREATE TABLE IF NOT EXISTS indicator_cube (
    indicator VARCHAR NOT NULL,
    view VARCHAR NOT NULL,
    level VARCHAR NOT NULL,
    region VARCHAR NOT NULL,
    dimension VARCHAR NOT NULL,
    dimension_value VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    period VARCHAR NOT NULL,
    value DOUBLE PRECISION,
    value_prior_year DOUBLE PRECISION,
    yoy DOUBLE PRECISION,
    value_prior_period DOUBLE PRECISION,
    pop DOUBLE PRECISION,
    unit VARCHAR NOT NULL,
    computed_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS indicator_cube_runs (
    run_at TIMESTAMP NOT NULL,
    engine VARCHAR NOT NULL,
    max_batch_id BIGINT,
    classified_at TIMESTAMP,
    periods INTEGER NOT NULL,
    cube_rows INTEGER NOT NULL,
    definition_key VARCHAR,
    unmapped_enterprises INTEGER
);

ALTER TABLE indicator_cube_runs ADD COLUMN IF NOT EXISTS definition_key VARCHAR;

ALTER TABLE indicator_cube_runs ADD COLUMN IF NOT EXISTS unmapped_enterprises INTEGER;

CREATE TABLE IF NOT EXISTS indicator_cube_plans (
    plan_key VARCHAR NOT NULL,
    dialect VARCHAR NOT NULL,
    plan_json TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS indicator_cube_register (
    step VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    stamp VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
