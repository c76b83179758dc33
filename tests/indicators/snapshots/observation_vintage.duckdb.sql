SELECT
  "t48"."view",
  "t48"."level",
  "t48"."region",
  "t48"."year",
  "t48"."end_month",
  "t48"."enterprise_tech_centres",
  (
    "t48"."sei_va" / NULLIF("t48"."gdp", 0)
  ) * 100.0 AS "sei_va_share_gdp"
FROM (
  SELECT
    "t44"."view",
    "t44"."level",
    "t44"."region",
    "t44"."year",
    "t44"."end_month",
    "t44"."sei_va",
    "t47"."enterprise_tech_centres",
    "t47"."gdp"
  FROM (
    SELECT
      "t42"."view",
      "t42"."level",
      "t42"."region",
      "t42"."year",
      "t42"."end_month",
      SUM("t42"."sei_va") AS "sei_va"
    FROM (
      SELECT
        "t36"."code",
        "t36"."year",
        "t36"."end_month",
        "t36"."sei_va",
        "t13"."view",
        "t13"."level",
        "t13"."region",
        "t13"."region_level"
      FROM (
        SELECT
          "t30"."code",
          "t30"."year",
          "t30"."end_month",
          SUM(CASE WHEN "t30"."is_sei" THEN "t30"."value_added" ELSE NULL END) AS "sei_va"
        FROM (
          SELECT
            "t27"."credit_code",
            "t27"."code",
            "t27"."base",
            "t27"."size",
            COALESCE("t27"."division", '未填报') AS "division",
            "t27"."year",
            "t27"."end_month",
            COALESCE("t27"."is_sei", FALSE) AS "is_sei",
            "t27"."has_prev",
            "t27"."is_exit",
            "t27"."value_added",
            "t27"."value_added_prior",
            CASE
              WHEN (
                "t27"."value_added" IS NOT NULL
              )
              AND (
                "t27"."value_added_prior" IS NOT NULL
              )
              AND (
                CAST(NULL AS DOUBLE) IS NOT NULL
              )
              THEN "t27"."value_added" / (
                NULLIF(CAST(NULL AS DOUBLE), 0) / 100.0
              )
              ELSE NULL
            END AS "value_added_comparable",
            CASE
              WHEN (
                "t27"."value_added" IS NOT NULL
              )
              AND (
                "t27"."value_added_prior" IS NOT NULL
              )
              AND (
                CAST(NULL AS DOUBLE) IS NOT NULL
              )
              THEN "t27"."value_added_prior"
              ELSE NULL
            END AS "value_added_prior_comparable",
            "t27"."revenue",
            "t27"."profit",
            "t27"."rd_expenditure",
            "t27"."employees"
          FROM (
            SELECT
              "t25"."credit_code",
              "t25"."year",
              "t25"."end_month",
              "t25"."value_added",
              "t25"."value_added_prior",
              "t25"."revenue",
              "t25"."profit",
              "t25"."rd_expenditure",
              "t25"."employees",
              "t25"."has_prev",
              "t25"."is_exit",
              "t26"."code",
              "t26"."division",
              "t26"."base",
              "t26"."size",
              "t16"."is_sei"
            FROM (
              SELECT
                "t17"."credit_code",
                "t17"."year",
                "t17"."end_month",
                "t17"."value_added",
                "t17"."value_added_prior",
                "t17"."revenue",
                "t17"."profit",
                "t17"."rd_expenditure",
                "t17"."employees",
                FALSE AS "has_prev",
                FALSE AS "is_exit"
              FROM (
                SELECT
                  "t8"."credit_code",
                  "t8"."period",
                  "t8"."period_kind",
                  "t8"."year",
                  "t8"."start_month",
                  "t8"."end_month",
                  "t8"."revenue",
                  "t8"."value_added",
                  "t8"."value_added_prior",
                  "t8"."profit",
                  "t8"."rd_expenditure",
                  "t8"."employees",
                  "t8"."batch_id",
                  "t8"."vintage",
                  "t8"."is_current",
                  ROW_NUMBER() OVER (
                    PARTITION BY "t8"."credit_code", "t8"."period"
                    ORDER BY "t8"."vintage" DESC, "t8"."batch_id" DESC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) - 1 AS "_rn"
                FROM (
                  SELECT
                    *
                  FROM "reports" AS "t1"
                  WHERE
                    "t1"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                ) AS "t8"
              ) AS "t17"
              WHERE
                "t17"."_rn" = 0 AND "t17"."start_month" = 1
            ) AS "t25"
            INNER JOIN (
              SELECT
                "t18"."credit_code",
                "t18"."region" AS "code",
                SUBSTRING(
                  "t18"."industry",
                  CASE WHEN (
                    0 + 1
                  ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t18"."industry") END,
                  2
                ) AS "division",
                COALESCE("t18"."base", '未填报') AS "base",
                COALESCE("t18"."size", '未填报') AS "size"
              FROM (
                SELECT
                  "t10"."credit_code",
                  "t10"."region",
                  "t10"."industry",
                  "t10"."base",
                  "t10"."size",
                  "t10"."batch_id",
                  "t10"."vintage",
                  "t10"."is_current",
                  ROW_NUMBER() OVER (
                    PARTITION BY "t10"."credit_code"
                    ORDER BY "t10"."vintage" DESC, "t10"."batch_id" DESC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) - 1 AS "_rn"
                FROM (
                  SELECT
                    *
                  FROM "enterprises" AS "t3"
                  WHERE
                    "t3"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                ) AS "t10"
              ) AS "t18"
              WHERE
                "t18"."_rn" = 0
            ) AS "t26"
              ON "t25"."credit_code" = "t26"."credit_code"
            LEFT OUTER JOIN (
              SELECT
                "t9"."sei_code_",
                TRUE AS "is_sei"
              FROM (
                SELECT DISTINCT
                  "t2"."credit_code" AS "sei_code_"
                FROM "enterprise_classifications" AS "t2"
                WHERE
                  "t2"."status" = 'assigned'
              ) AS "t9"
            ) AS "t16"
              ON "t25"."credit_code" = "t16"."sei_code_"
          ) AS "t27"
        ) AS "t30"
        GROUP BY
          1,
          2,
          3
      ) AS "t36"
      INNER JOIN (
        SELECT
          *
        FROM "ind_dim_region" AS "t0"
        WHERE
          "t0"."view" = 'reporting' AND "t0"."level" = 'province'
      ) AS "t13"
        ON "t36"."code" = "t13"."code"
    ) AS "t42"
    GROUP BY
      1,
      2,
      3,
      4,
      5
  ) AS "t44"
  LEFT OUTER JOIN (
    SELECT
      "t45"."view" AS "view__j",
      "t45"."level" AS "level__j",
      "t45"."region" AS "region__j",
      "t45"."year" AS "year__j",
      "t45"."end_month" AS "end_month__j",
      "t45"."enterprise_tech_centres",
      "t45"."gdp"
    FROM (
      SELECT
        "t41"."view",
        "t41"."level",
        "t41"."region",
        "t41"."year",
        "t41"."end_month",
        MAX(
          CASE
            WHEN "t41"."indicator" = 'enterprise_tech_centres'
            THEN "t41"."value"
            ELSE NULL
          END
        ) AS "enterprise_tech_centres",
        MAX(CASE WHEN "t41"."indicator" = 'gdp' THEN "t41"."value" ELSE NULL END) AS "gdp"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t37"."view",
            "t37"."level",
            "t37"."region",
            "t37"."year",
            "t37"."end_month",
            'enterprise_tech_centres' AS "indicator",
            "t37"."enterprise_tech_centres" AS "value"
          FROM (
            SELECT
              "t14"."view",
              "t14"."level",
              "t14"."region",
              "t33"."year",
              "t33"."end_month",
              "t33"."value" AS "enterprise_tech_centres"
            FROM (
              SELECT
                "t28"."region" AS "s_region",
                "t28"."year",
                "t28"."end_month",
                CASE
                  WHEN "t28"."unit" = '家'
                  THEN "t28"."value" * 1.0
                  WHEN "t28"."unit" = '十万家'
                  THEN "t28"."value" * 100000.0
                  WHEN "t28"."unit" = '百万家'
                  THEN "t28"."value" * 1000000.0
                  WHEN "t28"."unit" = '千万家'
                  THEN "t28"."value" * 10000000.0
                  WHEN "t28"."unit" = '万家'
                  THEN "t28"."value" * 10000.0
                  WHEN "t28"."unit" = '十亿家'
                  THEN "t28"."value" * 1000000000.0
                  WHEN "t28"."unit" = '百亿家'
                  THEN "t28"."value" * 10000000000.0
                  WHEN "t28"."unit" = '千亿家'
                  THEN "t28"."value" * 100000000000.0
                  WHEN "t28"."unit" = '亿家'
                  THEN "t28"."value" * 100000000.0
                  WHEN "t28"."unit" = '万亿家'
                  THEN "t28"."value" * 1000000000000.0
                  ELSE NULL
                END AS "value"
              FROM (
                SELECT
                  "t23"."indicator",
                  "t23"."region",
                  "t23"."period",
                  "t23"."period_kind",
                  "t23"."year",
                  "t23"."start_month",
                  "t23"."end_month",
                  "t23"."point_date",
                  "t23"."value",
                  "t23"."unit",
                  "t23"."published",
                  "t23"."batch_id",
                  "t23"."vintage",
                  "t23"."is_current",
                  ROW_NUMBER() OVER (
                    PARTITION BY "t23"."region", "t23"."year", "t23"."end_month"
                    ORDER BY "t23"."start_month" ASC, "t23"."point_date" DESC, CASE WHEN "t23"."indicator" = 'enterprise_tech_centres' THEN 0 ELSE NULL END ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) - 1 AS "_rn"
                FROM (
                  SELECT
                    "t19"."indicator",
                    "t19"."region",
                    "t19"."period",
                    "t19"."period_kind",
                    "t19"."year",
                    "t19"."start_month",
                    "t19"."end_month",
                    "t19"."point_date",
                    "t19"."value",
                    "t19"."unit",
                    "t19"."published",
                    "t19"."batch_id",
                    "t19"."vintage",
                    "t19"."is_current"
                  FROM (
                    SELECT
                      "t11"."indicator",
                      "t11"."region",
                      "t11"."period",
                      "t11"."period_kind",
                      "t11"."year",
                      "t11"."start_month",
                      "t11"."end_month",
                      "t11"."point_date",
                      "t11"."value",
                      "t11"."unit",
                      "t11"."published",
                      "t11"."batch_id",
                      "t11"."vintage",
                      "t11"."is_current",
                      ROW_NUMBER() OVER (
                        PARTITION BY "t11"."indicator", "t11"."region", "t11"."period"
                        ORDER BY "t11"."vintage" DESC, "t11"."batch_id" DESC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) - 1 AS "_rn"
                    FROM (
                      SELECT
                        *
                      FROM "observations" AS "t4"
                      WHERE
                        "t4"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                    ) AS "t11"
                  ) AS "t19"
                  WHERE
                    "t19"."_rn" = 0 AND "t19"."indicator" IN ('enterprise_tech_centres')
                ) AS "t23"
              ) AS "t28"
              WHERE
                "t28"."_rn" = 0
            ) AS "t33"
            INNER JOIN (
              SELECT DISTINCT
                "t0"."view",
                "t0"."level",
                "t0"."region"
              FROM "ind_dim_region" AS "t0"
              WHERE
                "t0"."view" = 'reporting'
                AND "t0"."level" = 'province'
                AND "t0"."region_level" = "t0"."level"
            ) AS "t14"
              ON "t33"."s_region" = "t14"."region"
          ) AS "t37"
        ) AS "t39"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t38"."view",
            "t38"."level",
            "t38"."region",
            "t38"."year",
            "t38"."end_month",
            'gdp' AS "indicator",
            "t38"."gdp" AS "value"
          FROM (
            SELECT
              "t14"."view",
              "t14"."level",
              "t14"."region",
              "t34"."year",
              "t34"."end_month",
              "t34"."value" AS "gdp"
            FROM (
              SELECT
                "t29"."region" AS "s_region",
                "t29"."year",
                "t29"."end_month",
                CASE
                  WHEN "t29"."unit" = '元'
                  THEN "t29"."value" * 0.0001
                  WHEN "t29"."unit" = '十万元'
                  THEN "t29"."value" * 10.0
                  WHEN "t29"."unit" = '百万元'
                  THEN "t29"."value" * 100.0
                  WHEN "t29"."unit" = '千万元'
                  THEN "t29"."value" * 1000.0
                  WHEN "t29"."unit" = '万元'
                  THEN "t29"."value" * 1.0
                  WHEN "t29"."unit" = '十亿元'
                  THEN "t29"."value" * 100000.0
                  WHEN "t29"."unit" = '百亿元'
                  THEN "t29"."value" * 1000000.0
                  WHEN "t29"."unit" = '千亿元'
                  THEN "t29"."value" * 10000000.0
                  WHEN "t29"."unit" = '亿元'
                  THEN "t29"."value" * 10000.0
                  WHEN "t29"."unit" = '万亿元'
                  THEN "t29"."value" * 100000000.0
                  WHEN "t29"."unit" = '千元'
                  THEN "t29"."value" * 0.1
                  ELSE NULL
                END AS "value"
              FROM (
                SELECT
                  "t24"."region",
                  "t24"."period",
                  "t24"."period_kind",
                  "t24"."year",
                  "t24"."start_month",
                  "t24"."end_month",
                  "t24"."indicator",
                  "t24"."value",
                  "t24"."unit",
                  "t24"."batch_id",
                  "t24"."vintage",
                  "t24"."is_current",
                  ROW_NUMBER() OVER (
                    PARTITION BY "t24"."region", "t24"."year", "t24"."end_month"
                    ORDER BY "t24"."start_month" ASC, CASE
                      WHEN "t24"."indicator" = 'GDP'
                      THEN 0
                      WHEN "t24"."indicator" = '地区生产总值'
                      THEN 1
                      ELSE NULL
                    END ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) - 1 AS "_rn"
                FROM (
                  SELECT
                    "t20"."region",
                    "t20"."period",
                    "t20"."period_kind",
                    "t20"."year",
                    "t20"."start_month",
                    "t20"."end_month",
                    "t20"."indicator",
                    "t20"."value",
                    "t20"."unit",
                    "t20"."batch_id",
                    "t20"."vintage",
                    "t20"."is_current"
                  FROM (
                    SELECT
                      "t12"."region",
                      "t12"."period",
                      "t12"."period_kind",
                      "t12"."year",
                      "t12"."start_month",
                      "t12"."end_month",
                      "t12"."indicator",
                      "t12"."value",
                      "t12"."unit",
                      "t12"."batch_id",
                      "t12"."vintage",
                      "t12"."is_current",
                      ROW_NUMBER() OVER (
                        PARTITION BY "t12"."region", "t12"."period", "t12"."indicator"
                        ORDER BY "t12"."vintage" DESC, "t12"."batch_id" DESC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) - 1 AS "_rn"
                    FROM (
                      SELECT
                        *
                      FROM "regional" AS "t5"
                      WHERE
                        "t5"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                    ) AS "t12"
                  ) AS "t20"
                  WHERE
                    "t20"."_rn" = 0
                    AND "t20"."indicator" IN ('GDP', '地区生产总值')
                    AND "t20"."start_month" = 1
                    AND "t20"."end_month" = 12
                ) AS "t24"
              ) AS "t29"
              WHERE
                "t29"."_rn" = 0
            ) AS "t34"
            INNER JOIN (
              SELECT DISTINCT
                "t0"."view",
                "t0"."level",
                "t0"."region"
              FROM "ind_dim_region" AS "t0"
              WHERE
                "t0"."view" = 'reporting'
                AND "t0"."level" = 'province'
                AND "t0"."region_level" = "t0"."level"
            ) AS "t14"
              ON "t34"."s_region" = "t14"."region"
          ) AS "t38"
        ) AS "t40"
      ) AS "t41"
      GROUP BY
        1,
        2,
        3,
        4,
        5
    ) AS "t45"
  ) AS "t47"
    ON "t44"."view" = "t47"."view__j"
    AND "t44"."level" = "t47"."level__j"
    AND "t44"."region" = "t47"."region__j"
    AND "t44"."year" = "t47"."year__j"
    AND "t44"."end_month" = "t47"."end_month__j"
) AS "t48"
