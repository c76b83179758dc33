SELECT
  "t24"."view",
  "t24"."level",
  "t24"."region",
  "t24"."division",
  "t24"."year",
  "t24"."end_month",
  (
    (
      CAST("t24"."sei_va_comparable" AS DOUBLE PRECISION) / NULLIF("t24"."sei_va_prior_comparable", 0)
    ) - 1.0
  ) * 100.0 AS "sei_va_real_growth",
  "t24"."sei_va",
  "t24"."sei_enterprises"
FROM (
  SELECT
    "t23"."view",
    "t23"."level",
    "t23"."region",
    "t23"."division",
    "t23"."year",
    "t23"."end_month",
    SUM("t23"."sei_va_comparable") AS "sei_va_comparable",
    SUM("t23"."sei_va_prior_comparable") AS "sei_va_prior_comparable",
    SUM("t23"."sei_va") AS "sei_va",
    SUM("t23"."sei_enterprises") AS "sei_enterprises"
  FROM (
    SELECT
      "t22"."code",
      "t22"."division",
      "t22"."year",
      "t22"."end_month",
      "t22"."sei_va_comparable",
      "t22"."sei_va_prior_comparable",
      "t22"."sei_va",
      "t22"."sei_enterprises",
      "t9"."view",
      "t9"."level",
      "t9"."region",
      "t9"."region_level"
    FROM (
      SELECT
        "t20"."code",
        "t20"."division",
        "t20"."year",
        "t20"."end_month",
        SUM(CASE WHEN "t20"."is_sei" THEN "t20"."value_added_comparable" ELSE NULL END) AS "sei_va_comparable",
        SUM(CASE WHEN "t20"."is_sei" THEN "t20"."value_added_prior_comparable" ELSE NULL END) AS "sei_va_prior_comparable",
        SUM(CASE WHEN "t20"."is_sei" THEN "t20"."value_added" ELSE NULL END) AS "sei_va",
        COUNT(
          DISTINCT CASE
            WHEN "t20"."is_sei" AND NOT (
              "t20"."is_exit"
            )
            THEN "t20"."credit_code"
            ELSE NULL
          END
        ) AS "sei_enterprises"
      FROM (
        SELECT
          "t19"."credit_code",
          "t19"."code",
          "t19"."base",
          "t19"."size",
          COALESCE("t19"."division", '未填报') AS "division",
          "t19"."year",
          "t19"."end_month",
          "t19"."is_sei",
          "t19"."has_prev",
          "t19"."is_exit",
          "t19"."value_added",
          "t19"."value_added_prior",
          CASE
            WHEN (
              "t19"."value_added" IS NOT NULL
            )
            AND (
              "t19"."value_added_prior" IS NOT NULL
            )
            AND (
              "t19"."index_value" IS NOT NULL
            )
            THEN CAST("t19"."value_added" AS DOUBLE PRECISION) / (
              CAST(NULLIF("t19"."index_value", 0) AS DOUBLE PRECISION) / 100.0
            )
            ELSE NULL
          END AS "value_added_comparable",
          CASE
            WHEN (
              "t19"."value_added" IS NOT NULL
            )
            AND (
              "t19"."value_added_prior" IS NOT NULL
            )
            AND (
              "t19"."index_value" IS NOT NULL
            )
            THEN "t19"."value_added_prior"
            ELSE NULL
          END AS "value_added_prior_comparable",
          "t19"."revenue",
          "t19"."profit",
          "t19"."rd_expenditure",
          "t19"."employees"
        FROM (
          SELECT
            "t18"."credit_code",
            "t18"."year",
            "t18"."end_month",
            "t18"."value_added",
            "t18"."value_added_prior",
            "t18"."revenue",
            "t18"."profit",
            "t18"."rd_expenditure",
            "t18"."employees",
            "t18"."has_prev",
            "t18"."is_exit",
            "t18"."code",
            "t18"."division",
            "t18"."base",
            "t18"."size",
            "t18"."is_sei",
            "t10"."index_value"
          FROM (
            SELECT
              "t16"."credit_code",
              "t16"."year",
              "t16"."end_month",
              "t16"."value_added",
              "t16"."value_added_prior",
              "t16"."revenue",
              "t16"."profit",
              "t16"."rd_expenditure",
              "t16"."employees",
              "t16"."has_prev",
              "t16"."is_exit",
              "t16"."code",
              "t16"."division",
              "t16"."base",
              "t16"."size",
              COALESCE("t16"."is_sei", FALSE) AS "is_sei"
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
                "t14"."has_prev",
                "t14"."is_exit",
                "t11"."code",
                "t11"."division",
                "t11"."base",
                "t11"."size",
                "t15"."is_sei"
              FROM (
                SELECT
                  "t2"."credit_code",
                  "t2"."year",
                  "t2"."end_month",
                  "t2"."value_added",
                  "t2"."value_added_prior",
                  "t2"."revenue",
                  "t2"."profit",
                  "t2"."rd_expenditure",
                  "t2"."employees",
                  FALSE AS "has_prev",
                  FALSE AS "is_exit"
                FROM "reports" AS "t2"
                WHERE
                  "t2"."is_current"
                  AND "t2"."start_month" = 1
                  AND (
                    "t2"."year" * 100
                  ) + "t2"."end_month" IN (201909)
              ) AS "t14"
              INNER JOIN (
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
              ) AS "t11"
                ON "t14"."credit_code" = "t11"."credit_code"
              LEFT OUTER JOIN (
                SELECT
                  "t8"."sei_code_",
                  TRUE AS "is_sei"
                FROM (
                  SELECT DISTINCT
                    "t4"."credit_code" AS "sei_code_"
                  FROM "enterprise_classifications" AS "t4"
                  WHERE
                    "t4"."status" = 'assigned'
                ) AS "t8"
              ) AS "t15"
                ON "t14"."credit_code" = "t15"."sei_code_"
            ) AS "t16"
          ) AS "t18"
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
            ON "t18"."division" = "t10"."d_div"
            AND "t18"."year" = "t10"."d_year"
            AND "t18"."end_month" = "t10"."d_month"
        ) AS "t19"
      ) AS "t20"
      GROUP BY
        1,
        2,
        3,
        4
    ) AS "t22"
    INNER JOIN (
      SELECT
        *
      FROM "ind_dim_region" AS "t0"
      WHERE
        "t0"."view" = 'reporting' AND "t0"."level" = 'province'
    ) AS "t9"
      ON "t22"."code" = "t9"."code"
  ) AS "t23"
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS "t24"
