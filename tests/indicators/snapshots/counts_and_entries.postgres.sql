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
          THEN COUNT(
            DISTINCT CASE
              WHEN "t29"."is_sei" AND NOT (
                "t29"."is_exit"
              )
              THEN "t29"."credit_code"
              ELSE NULL
            END
          )
          ELSE NULL
        END AS "sei_enterprises",
        CASE
          WHEN BOOL_OR(NOT (
            "t29"."is_exit"
          ))
          THEN COUNT(
            DISTINCT CASE
              WHEN "t29"."is_sei" AND NOT (
                "t29"."is_exit"
              ) AND NOT (
                "t29"."has_prev"
              )
              THEN "t29"."credit_code"
              ELSE NULL
            END
          )
          ELSE NULL
        END AS "sei_entries",
        CASE
          WHEN BOOL_OR("t29"."is_exit")
          THEN COUNT(
            DISTINCT CASE WHEN "t29"."is_sei" AND "t29"."is_exit" THEN "t29"."credit_code" ELSE NULL END
          )
          ELSE NULL
        END AS "sei_exits"
      FROM (
        SELECT
          "t28"."credit_code",
          "t28"."code",
          "t28"."base",
          "t28"."size",
          COALESCE("t28"."division", '未填报') AS "division",
          "t28"."year",
          "t28"."end_month",
          COALESCE("t28"."is_sei", FALSE) AS "is_sei",
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
            "t8"."code",
            "t8"."division",
            "t8"."base",
            "t8"."size",
            "t13"."is_sei"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t24"."credit_code",
                "t24"."year",
                "t24"."end_month",
                "t24"."value_added",
                "t24"."value_added_prior",
                "t24"."revenue",
                "t24"."profit",
                "t24"."rd_expenditure",
                "t24"."employees",
                COALESCE("t24"."has_prev", FALSE) AS "has_prev",
                FALSE AS "is_exit"
              FROM (
                SELECT
                  "t14"."credit_code",
                  "t14"."year",
                  "t14"."end_month",
                  "t14"."value_added",
                  "t14"."value_added_prior",
                  "t14"."revenue",
                  "t14"."profit",
                  "t14"."rd_expenditure",
                  "t14"."employees",
                  "t21"."has_prev"
                FROM (
                  SELECT
                    "t3"."credit_code",
                    "t3"."year",
                    "t3"."end_month",
                    "t3"."value_added",
                    "t3"."value_added_prior",
                    "t3"."revenue",
                    "t3"."profit",
                    "t3"."rd_expenditure",
                    "t3"."employees"
                  FROM "reports" AS "t3"
                  WHERE
                    "t3"."is_current"
                    AND "t3"."start_month" = 1
                    AND (
                      "t3"."year" * 100
                    ) + "t3"."end_month" IN (201909)
                ) AS "t14"
                LEFT OUTER JOIN (
                  SELECT
                    "t18"."p_code",
                    "t18"."p_year",
                    "t18"."p_month",
                    TRUE AS "has_prev"
                  FROM (
                    SELECT DISTINCT
                      "t3"."credit_code" AS "p_code",
                      CAST("t3"."year" + 1 AS INT) AS "p_year",
                      "t3"."end_month" AS "p_month"
                    FROM "reports" AS "t3"
                    WHERE
                      "t3"."is_current"
                      AND "t3"."start_month" = 1
                      AND (
                        CAST("t3"."year" + 1 AS INT) * 100
                      ) + "t3"."end_month" IN (201909)
                  ) AS "t18"
                ) AS "t21"
                  ON "t14"."credit_code" = "t21"."p_code"
                  AND "t14"."year" = "t21"."p_year"
                  AND "t14"."end_month" = "t21"."p_month"
              ) AS "t24"
            ) AS "t25"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t19"."credit_code",
                  "t19"."year",
                  "t19"."end_month",
                  CAST(NULL AS DOUBLE PRECISION) AS "value_added",
                  CAST(NULL AS DOUBLE PRECISION) AS "value_added_prior",
                  CAST(NULL AS DOUBLE PRECISION) AS "revenue",
                  CAST(NULL AS DOUBLE PRECISION) AS "profit",
                  CAST(NULL AS DOUBLE PRECISION) AS "rd_expenditure",
                  CAST(NULL AS DOUBLE PRECISION) AS "employees",
                  TRUE AS "has_prev",
                  TRUE AS "is_exit"
                FROM (
                  SELECT DISTINCT
                    "t3"."credit_code",
                    CAST("t3"."year" + 1 AS INT) AS "year",
                    "t3"."end_month"
                  FROM "reports" AS "t3"
                  WHERE
                    "t3"."is_current"
                    AND "t3"."start_month" = 1
                    AND (
                      CAST("t3"."year" + 1 AS INT) * 100
                    ) + "t3"."end_month" IN (201909)
                ) AS "t19"
                WHERE
                  NOT EXISTS(
                    SELECT
                      1
                    FROM (
                      SELECT DISTINCT
                        "t3"."credit_code" AS "n_code",
                        "t3"."year" AS "n_year",
                        "t3"."end_month" AS "n_month"
                      FROM "reports" AS "t3"
                      WHERE
                        "t3"."is_current"
                        AND "t3"."start_month" = 1
                        AND (
                          "t3"."year" * 100
                        ) + "t3"."end_month" IN (201909)
                    ) AS "t15"
                    WHERE
                      "t19"."credit_code" = "t15"."n_code"
                      AND "t19"."year" = "t15"."n_year"
                      AND "t19"."end_month" = "t15"."n_month"
                  )
                  AND EXISTS(
                    SELECT
                      1
                    FROM (
                      SELECT DISTINCT
                        "t3"."year" AS "q_year",
                        "t3"."end_month" AS "q_month"
                      FROM "reports" AS "t3"
                      WHERE
                        "t3"."is_current"
                        AND "t3"."start_month" = 1
                        AND (
                          "t3"."year" * 100
                        ) + "t3"."end_month" IN (201909)
                    ) AS "t16"
                    WHERE
                      "t19"."year" = "t16"."q_year" AND "t19"."end_month" = "t16"."q_month"
                  )
              ) AS "t22"
            ) AS "t23"
          ) AS "t27"
          INNER JOIN (
            SELECT
              "t1"."credit_code",
              "t1"."region" AS "code",
              SUBSTRING("t1"."industry" FROM CASE WHEN (
                0 + 1
              ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t1"."industry") END FOR 2) AS "division",
              COALESCE("t1"."base", '未填报') AS "base",
              COALESCE("t1"."size", '未填报') AS "size"
            FROM "enterprises" AS "t1"
            WHERE
              "t1"."is_current"
          ) AS "t8"
            ON "t27"."credit_code" = "t8"."credit_code"
          LEFT OUTER JOIN (
            SELECT
              "t6"."sei_code_",
              TRUE AS "is_sei"
            FROM (
              SELECT DISTINCT
                "t2"."credit_code" AS "sei_code_"
              FROM "enterprise_classifications" AS "t2"
              WHERE
                "t2"."status" = 'assigned'
            ) AS "t6"
          ) AS "t13"
            ON "t27"."credit_code" = "t13"."sei_code_"
        ) AS "t28"
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
