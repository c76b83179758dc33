SELECT
  "t28"."view",
  "t28"."level",
  "t28"."region",
  "t28"."division",
  "t28"."year",
  "t28"."end_month",
  (
    (
      CAST("t28"."sei_va_comparable" AS DOUBLE PRECISION) / NULLIF("t28"."sei_va_prior_comparable", 0)
    ) - 1.0
  ) * 100.0 AS "sei_va_real_growth",
  "t28"."sei_va",
  "t28"."sei_enterprises"
FROM (
  SELECT
    "t27"."view",
    "t27"."level",
    "t27"."region",
    "t27"."division",
    "t27"."year",
    "t27"."end_month",
    SUM("t27"."sei_va_comparable") AS "sei_va_comparable",
    SUM("t27"."sei_va_prior_comparable") AS "sei_va_prior_comparable",
    SUM("t27"."sei_va") AS "sei_va",
    SUM("t27"."sei_enterprises") AS "sei_enterprises"
  FROM (
    SELECT
      "t26"."code",
      "t26"."division",
      "t26"."year",
      "t26"."end_month",
      "t26"."sei_va_comparable",
      "t26"."sei_va_prior_comparable",
      "t26"."sei_va",
      "t26"."sei_enterprises",
      "t9"."view",
      "t9"."level",
      "t9"."region",
      "t9"."region_level"
    FROM (
      SELECT
        "t24"."code",
        "t24"."division",
        "t24"."year",
        "t24"."end_month",
        SUM(CASE WHEN "t24"."is_sei" THEN "t24"."value_added_comparable" ELSE NULL END) AS "sei_va_comparable",
        SUM(CASE WHEN "t24"."is_sei" THEN "t24"."value_added_prior_comparable" ELSE NULL END) AS "sei_va_prior_comparable",
        SUM(CASE WHEN "t24"."is_sei" THEN "t24"."value_added" ELSE NULL END) AS "sei_va",
        SUM(CASE WHEN "t24"."is_sei" AND NOT (
          "t24"."is_exit"
        ) THEN 1 ELSE 0 END) AS "sei_enterprises"
      FROM (
        SELECT
          "t23"."credit_code",
          "t23"."eid",
          "t23"."code",
          COALESCE("t23"."division", '未填报') AS "division",
          "t23"."base",
          "t23"."size",
          "t23"."is_sei",
          "t23"."sei_set",
          "t23"."year",
          "t23"."end_month",
          "t23"."has_prev",
          "t23"."is_exit",
          "t23"."value_added",
          "t23"."value_added_prior",
          CASE
            WHEN (
              "t23"."value_added" IS NOT NULL
            )
            AND (
              "t23"."value_added_prior" IS NOT NULL
            )
            AND (
              "t23"."index_value" IS NOT NULL
            )
            THEN CAST("t23"."value_added" AS DOUBLE PRECISION) / (
              CAST(NULLIF("t23"."index_value", 0) AS DOUBLE PRECISION) / 100.0
            )
            ELSE NULL
          END AS "value_added_comparable",
          CASE
            WHEN (
              "t23"."value_added" IS NOT NULL
            )
            AND (
              "t23"."value_added_prior" IS NOT NULL
            )
            AND (
              "t23"."index_value" IS NOT NULL
            )
            THEN "t23"."value_added_prior"
            ELSE NULL
          END AS "value_added_prior_comparable",
          "t23"."revenue",
          "t23"."profit",
          "t23"."rd_expenditure",
          "t23"."employees"
        FROM (
          SELECT
            "t22"."credit_code",
            "t22"."eid",
            "t22"."code",
            "t22"."division",
            "t22"."base",
            "t22"."size",
            "t22"."is_sei",
            "t22"."sei_set",
            "t22"."year",
            "t22"."end_month",
            "t22"."value_added",
            "t22"."value_added_prior",
            "t22"."revenue",
            "t22"."profit",
            "t22"."rd_expenditure",
            "t22"."employees",
            "t22"."has_prev",
            "t22"."is_exit",
            "t10"."index_value"
          FROM (
            SELECT
              "t20"."credit_code",
              "t20"."eid",
              "t20"."code",
              "t20"."division",
              "t20"."base",
              "t20"."size",
              "t20"."is_sei",
              "t20"."sei_set",
              "t20"."year",
              "t20"."end_month",
              "t20"."value_added",
              "t20"."value_added_prior",
              "t20"."revenue",
              "t20"."profit",
              "t20"."rd_expenditure",
              "t20"."employees",
              FALSE AS "has_prev",
              FALSE AS "is_exit"
            FROM (
              SELECT
                "t13"."credit_code",
                "t19"."eid",
                "t19"."code",
                "t19"."division",
                "t19"."base",
                "t19"."size",
                "t19"."is_sei",
                "t19"."sei_set",
                "t13"."year",
                "t13"."end_month",
                "t13"."value_added",
                "t13"."value_added_prior",
                "t13"."revenue",
                "t13"."profit",
                "t13"."rd_expenditure",
                "t13"."employees"
              FROM (
                SELECT
                  *
                FROM "reports" AS "t2"
                WHERE
                  "t2"."is_current"
                  AND "t2"."start_month" = 1
                  AND "t2"."year" IN (2018, 2019)
                  AND "t2"."end_month" IN (9)
                  AND (
                    "t2"."year" * 100
                  ) + "t2"."end_month" IN (201809, 201909)
              ) AS "t13"
              INNER JOIN (
                SELECT
                  "t17"."credit_code",
                  "t17"."code",
                  "t17"."division",
                  "t17"."base",
                  "t17"."size",
                  "t17"."eid",
                  COALESCE("t17"."sei_set", 0) AS "sei_set",
                  "t17"."sei_set" IS NOT NULL AS "is_sei"
                FROM (
                  SELECT
                    "t16"."credit_code",
                    "t16"."code",
                    "t16"."division",
                    "t16"."base",
                    "t16"."size",
                    "t16"."eid",
                    "t14"."sei_set"
                  FROM (
                    SELECT
                      "t7"."credit_code",
                      "t7"."code",
                      "t7"."division",
                      "t7"."base",
                      "t7"."size",
                      ROW_NUMBER() OVER (
                        ORDER BY "t7"."credit_code" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) - 1 AS "eid"
                    FROM (
                      SELECT
                        "t3"."credit_code",
                        "t3"."region" AS "code",
                        SUBSTRING("t3"."industry" FROM CASE WHEN (
                          0 + 1
                        ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t3"."industry") END FOR 2) AS "division",
                        COALESCE("t3"."base", '未填报') AS "base",
                        COALESCE("t3"."size", '未填报') AS "size"
                      FROM "enterprises" AS "t3"
                      WHERE
                        "t3"."is_current"
                    ) AS "t7"
                  ) AS "t16"
                  LEFT OUTER JOIN (
                    SELECT
                      "t8"."s_code",
                      1 AS "sei_set"
                    FROM (
                      SELECT DISTINCT
                        "t4"."credit_code" AS "s_code"
                      FROM "enterprise_classifications" AS "t4"
                      WHERE
                        "t4"."status" = 'assigned'
                    ) AS "t8"
                  ) AS "t14"
                    ON "t16"."credit_code" = "t14"."s_code"
                ) AS "t17"
              ) AS "t19"
                ON "t13"."credit_code" = "t19"."credit_code"
            ) AS "t20"
            WHERE
              "t20"."year" IN (2019)
              AND "t20"."end_month" IN (9)
              AND (
                "t20"."year" * 100
              ) + "t20"."end_month" IN (201909)
          ) AS "t22"
          LEFT OUTER JOIN (
            SELECT
              "t1"."division" AS "d_div",
              "t1"."year" AS "d_year",
              "t1"."end_month" AS "d_month",
              "t1"."index_value"
            FROM "deflators" AS "t1"
            WHERE
              "t1"."is_current" AND "t1"."start_month" = 1
          ) AS "t10"
            ON "t22"."division" = "t10"."d_div"
            AND "t22"."year" = "t10"."d_year"
            AND "t22"."end_month" = "t10"."d_month"
        ) AS "t23"
      ) AS "t24"
      GROUP BY
        1,
        2,
        3,
        4
    ) AS "t26"
    INNER JOIN (
      SELECT
        *
      FROM "ind_dim_region" AS "t0"
      WHERE
        "t0"."view" = 'reporting' AND "t0"."level" = 'province'
    ) AS "t9"
      ON "t26"."code" = "t9"."code"
  ) AS "t27"
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS "t28"
