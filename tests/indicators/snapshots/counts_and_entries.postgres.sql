WITH "t17" AS (
  SELECT
    "t10"."credit_code",
    "t16"."eid",
    "t16"."code",
    "t16"."division",
    "t16"."base",
    "t16"."size",
    "t16"."is_sei",
    "t16"."sei_set",
    "t10"."year",
    "t10"."end_month",
    "t10"."value_added",
    "t10"."value_added_prior",
    "t10"."revenue",
    "t10"."profit",
    "t10"."rd_expenditure",
    "t10"."employees"
  FROM (
    SELECT
      *
    FROM "reports" AS "t1"
    WHERE
      "t1"."is_current"
      AND "t1"."start_month" = 1
      AND "t1"."year" IN (2018, 2019)
      AND "t1"."end_month" IN (9)
      AND (
        "t1"."year" * 100
      ) + "t1"."end_month" IN (201809, 201909)
  ) AS "t10"
  INNER JOIN (
    SELECT
      "t14"."credit_code",
      "t14"."code",
      "t14"."division",
      "t14"."base",
      "t14"."size",
      "t14"."eid",
      COALESCE("t14"."sei_set", 0) AS "sei_set",
      "t14"."sei_set" IS NOT NULL AS "is_sei"
    FROM (
      SELECT
        "t13"."credit_code",
        "t13"."code",
        "t13"."division",
        "t13"."base",
        "t13"."size",
        "t13"."eid",
        "t11"."sei_set"
      FROM (
        SELECT
          "t5"."credit_code",
          "t5"."code",
          "t5"."division",
          "t5"."base",
          "t5"."size",
          ROW_NUMBER() OVER (
            ORDER BY "t5"."credit_code" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) - 1 AS "eid"
        FROM (
          SELECT
            "t2"."credit_code",
            "t2"."region" AS "code",
            SUBSTRING("t2"."industry" FROM CASE WHEN (
              0 + 1
            ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t2"."industry") END FOR 2) AS "division",
            COALESCE("t2"."base", '未填报') AS "base",
            COALESCE("t2"."size", '未填报') AS "size"
          FROM "enterprises" AS "t2"
          WHERE
            "t2"."is_current"
        ) AS "t5"
      ) AS "t13"
      LEFT OUTER JOIN (
        SELECT
          "t6"."s_code",
          1 AS "sei_set"
        FROM (
          SELECT DISTINCT
            "t3"."credit_code" AS "s_code"
          FROM "enterprise_classifications" AS "t3"
          WHERE
            "t3"."status" = 'assigned'
        ) AS "t6"
      ) AS "t11"
        ON "t13"."credit_code" = "t11"."s_code"
    ) AS "t14"
  ) AS "t16"
    ON "t10"."credit_code" = "t16"."credit_code"
)
SELECT
  *
FROM (
  SELECT
    "t32"."view",
    "t32"."level",
    "t32"."region",
    "t32"."year",
    "t32"."end_month",
    SUM("t32"."sei_enterprises") AS "sei_enterprises",
    SUM("t32"."sei_entries") AS "sei_entries",
    SUM("t32"."sei_exits") AS "sei_exits"
  FROM (
    SELECT
      "t31"."code",
      "t31"."year",
      "t31"."end_month",
      "t31"."sei_enterprises",
      "t31"."sei_entries",
      "t31"."sei_exits",
      "t7"."view",
      "t7"."level",
      "t7"."region",
      "t7"."region_level"
    FROM (
      SELECT
        "t29"."code",
        "t29"."year",
        "t29"."end_month",
        CASE
          WHEN BOOL_OR(NOT (
            "t29"."is_exit"
          ))
          THEN SUM(CASE WHEN "t29"."is_sei" AND NOT (
            "t29"."is_exit"
          ) THEN 1 ELSE 0 END)
          ELSE NULL
        END AS "sei_enterprises",
        CASE
          WHEN BOOL_OR(NOT (
            "t29"."is_exit"
          ))
          THEN SUM(
            CASE
              WHEN "t29"."is_sei" AND NOT (
                "t29"."is_exit"
              ) AND NOT (
                "t29"."has_prev"
              )
              THEN 1
              ELSE 0
            END
          )
          ELSE NULL
        END AS "sei_entries",
        CASE
          WHEN BOOL_OR("t29"."is_exit")
          THEN SUM(CASE WHEN "t29"."is_sei" AND "t29"."is_exit" THEN 1 ELSE 0 END)
          ELSE NULL
        END AS "sei_exits"
      FROM (
        SELECT
          "t28"."credit_code",
          "t28"."eid",
          "t28"."code",
          COALESCE("t28"."division", '未填报') AS "division",
          "t28"."base",
          "t28"."size",
          "t28"."is_sei",
          "t28"."sei_set",
          "t28"."year",
          "t28"."end_month",
          "t28"."has_prev",
          "t28"."is_exit",
          "t28"."value_added",
          "t28"."value_added_prior",
          CASE
            WHEN (
              "t28"."value_added" IS NOT NULL
            )
            AND (
              "t28"."value_added_prior" IS NOT NULL
            )
            AND (
              CAST(NULL AS DOUBLE PRECISION) IS NOT NULL
            )
            THEN CAST("t28"."value_added" AS DOUBLE PRECISION) / (
              CAST(NULLIF(CAST(NULL AS DOUBLE PRECISION), 0) AS DOUBLE PRECISION) / 100.0
            )
            ELSE NULL
          END AS "value_added_comparable",
          CASE
            WHEN (
              "t28"."value_added" IS NOT NULL
            )
            AND (
              "t28"."value_added_prior" IS NOT NULL
            )
            AND (
              CAST(NULL AS DOUBLE PRECISION) IS NOT NULL
            )
            THEN "t28"."value_added_prior"
            ELSE NULL
          END AS "value_added_prior_comparable",
          "t28"."revenue",
          "t28"."profit",
          "t28"."rd_expenditure",
          "t28"."employees"
        FROM (
          SELECT
            "t27"."credit_code",
            "t27"."eid",
            "t27"."code",
            "t27"."division",
            "t27"."base",
            "t27"."size",
            "t27"."is_sei",
            "t27"."sei_set",
            "t27"."year",
            "t27"."end_month",
            "t27"."value_added",
            "t27"."value_added_prior",
            "t27"."revenue",
            "t27"."profit",
            "t27"."rd_expenditure",
            "t27"."employees",
            "t27"."has_prev",
            "t27"."is_exit",
            "t21"."q_present"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                COALESCE("t10"."credit_code", "t23"."p_credit_code") AS "credit_code",
                COALESCE("t16"."eid", "t23"."p_eid") AS "eid",
                COALESCE("t16"."code", "t23"."p_code") AS "code",
                COALESCE("t16"."division", "t23"."p_division") AS "division",
                COALESCE("t16"."base", "t23"."p_base") AS "base",
                COALESCE("t16"."size", "t23"."p_size") AS "size",
                COALESCE("t16"."is_sei", "t23"."p_is_sei") AS "is_sei",
                COALESCE("t16"."sei_set", "t23"."p_sei_set") AS "sei_set",
                COALESCE("t10"."year", "t23"."p_year") AS "year",
                COALESCE("t10"."end_month", "t23"."p_month") AS "end_month",
                "t10"."value_added",
                "t10"."value_added_prior",
                "t10"."revenue",
                "t10"."profit",
                "t10"."rd_expenditure",
                "t10"."employees",
                "t23"."p_eid" IS NOT NULL AS "has_prev",
                NOT (
                  "t16"."eid" IS NOT NULL
                ) AS "is_exit"
              FROM (
                SELECT
                  *
                FROM "reports" AS "t1"
                WHERE
                  "t1"."is_current"
                  AND "t1"."start_month" = 1
                  AND "t1"."year" IN (2018, 2019)
                  AND "t1"."end_month" IN (9)
                  AND (
                    "t1"."year" * 100
                  ) + "t1"."end_month" IN (201809, 201909)
              ) AS "t10"
              INNER JOIN (
                SELECT
                  "t14"."credit_code",
                  "t14"."code",
                  "t14"."division",
                  "t14"."base",
                  "t14"."size",
                  "t14"."eid",
                  COALESCE("t14"."sei_set", 0) AS "sei_set",
                  "t14"."sei_set" IS NOT NULL AS "is_sei"
                FROM (
                  SELECT
                    "t13"."credit_code",
                    "t13"."code",
                    "t13"."division",
                    "t13"."base",
                    "t13"."size",
                    "t13"."eid",
                    "t11"."sei_set"
                  FROM (
                    SELECT
                      "t5"."credit_code",
                      "t5"."code",
                      "t5"."division",
                      "t5"."base",
                      "t5"."size",
                      ROW_NUMBER() OVER (
                        ORDER BY "t5"."credit_code" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) - 1 AS "eid"
                    FROM (
                      SELECT
                        "t2"."credit_code",
                        "t2"."region" AS "code",
                        SUBSTRING("t2"."industry" FROM CASE WHEN (
                          0 + 1
                        ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t2"."industry") END FOR 2) AS "division",
                        COALESCE("t2"."base", '未填报') AS "base",
                        COALESCE("t2"."size", '未填报') AS "size"
                      FROM "enterprises" AS "t2"
                      WHERE
                        "t2"."is_current"
                    ) AS "t5"
                  ) AS "t13"
                  LEFT OUTER JOIN (
                    SELECT
                      "t6"."s_code",
                      1 AS "sei_set"
                    FROM (
                      SELECT DISTINCT
                        "t3"."credit_code" AS "s_code"
                      FROM "enterprise_classifications" AS "t3"
                      WHERE
                        "t3"."status" = 'assigned'
                    ) AS "t6"
                  ) AS "t11"
                    ON "t13"."credit_code" = "t11"."s_code"
                ) AS "t14"
              ) AS "t16"
                ON "t10"."credit_code" = "t16"."credit_code"
              FULL OUTER JOIN (
                SELECT
                  "t18"."credit_code" AS "p_credit_code",
                  "t18"."eid" AS "p_eid",
                  "t18"."code" AS "p_code",
                  "t18"."division" AS "p_division",
                  "t18"."base" AS "p_base",
                  "t18"."size" AS "p_size",
                  "t18"."is_sei" AS "p_is_sei",
                  "t18"."sei_set" AS "p_sei_set",
                  CAST("t18"."year" + 1 AS INT) AS "p_year",
                  "t18"."end_month" AS "p_month"
                FROM "t17" AS "t18"
                WHERE
                  CAST("t18"."year" + 1 AS INT) IN (2019)
                  AND "t18"."end_month" IN (9)
                  AND (
                    CAST("t18"."year" + 1 AS INT) * 100
                  ) + "t18"."end_month" IN (201909)
              ) AS "t23"
                ON "t16"."eid" = "t23"."p_eid"
                AND "t10"."year" = "t23"."p_year"
                AND "t10"."end_month" = "t23"."p_month"
            ) AS "t24"
            WHERE
              "t24"."year" IN (2019)
              AND "t24"."end_month" IN (9)
              AND (
                "t24"."year" * 100
              ) + "t24"."end_month" IN (201909)
          ) AS "t27"
          LEFT OUTER JOIN (
            SELECT
              "t19"."q_year",
              "t19"."q_month",
              TRUE AS "q_present"
            FROM (
              SELECT DISTINCT
                "t18"."year" AS "q_year",
                "t18"."end_month" AS "q_month"
              FROM "t17" AS "t18"
            ) AS "t19"
          ) AS "t21"
            ON "t27"."year" = "t21"."q_year" AND "t27"."end_month" = "t21"."q_month"
        ) AS "t28"
        WHERE
          NOT (
            "t28"."is_exit"
          ) OR (
            "t28"."q_present" IS NOT NULL
          )
      ) AS "t29"
      GROUP BY
        1,
        2,
        3
    ) AS "t31"
    INNER JOIN (
      SELECT
        *
      FROM "ind_dim_region" AS "t0"
      WHERE
        "t0"."view" = 'reporting' AND "t0"."level" = 'province'
    ) AS "t7"
      ON "t31"."code" = "t7"."code"
  ) AS "t32"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t33"
