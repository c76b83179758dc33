SELECT
  "t46"."view",
  "t46"."level",
  "t46"."region",
  "t46"."year",
  "t46"."end_month",
  "t46"."enterprise_tech_centres",
  (
    "t46"."sei_va" / NULLIF("t46"."gdp", 0)
  ) * 100.0 AS "sei_va_share_gdp"
FROM (
  SELECT
    "t45"."view",
    "t45"."level",
    "t45"."region",
    "t45"."year",
    "t45"."end_month",
    "t45"."sei_va",
    "t42"."enterprise_tech_centres",
    "t43"."gdp"
  FROM (
    SELECT
      "t39"."view",
      "t39"."level",
      "t39"."region",
      "t39"."year",
      "t39"."end_month",
      SUM("t39"."sei_va") AS "sei_va"
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
            "t27"."year",
            "t27"."end_month",
            "t27"."value_added",
            "t27"."value_added_prior",
            "t27"."revenue",
            "t27"."profit",
            "t27"."rd_expenditure",
            "t27"."employees",
            "t27"."code",
            "t27"."division",
            "t27"."base",
            "t27"."size",
            COALESCE("t27"."is_sei", FALSE) AS "is_sei",
            CAST(NULL AS DOUBLE) AS "index_value"
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
              "t26"."code",
              "t26"."division",
              "t26"."base",
              "t26"."size",
              "t16"."is_sei"
            FROM (
              SELECT
                "t19"."credit_code",
                "t19"."year",
                "t19"."end_month",
                "t19"."value_added",
                "t19"."value_added_prior",
                "t19"."revenue",
                "t19"."profit",
                "t19"."rd_expenditure",
                "t19"."employees"
              FROM (
                SELECT
                  "t10"."credit_code",
                  "t10"."period",
                  "t10"."period_kind",
                  "t10"."year",
                  "t10"."start_month",
                  "t10"."end_month",
                  "t10"."revenue",
                  "t10"."value_added",
                  "t10"."value_added_prior",
                  "t10"."profit",
                  "t10"."rd_expenditure",
                  "t10"."employees",
                  "t10"."batch_id",
                  "t10"."vintage",
                  "t10"."is_current",
                  ROW_NUMBER() OVER (
                    PARTITION BY "t10"."credit_code", "t10"."period"
                    ORDER BY "t10"."vintage" DESC, "t10"."batch_id" DESC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) - 1 AS "_rn"
                FROM (
                  SELECT
                    *
                  FROM "reports" AS "t3"
                  WHERE
                    "t3"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                ) AS "t10"
              ) AS "t19"
              WHERE
                "t19"."_rn" = 0 AND "t19"."start_month" = 1
            ) AS "t25"
            INNER JOIN (
              SELECT
                "t20"."credit_code",
                "t20"."region" AS "code",
                SUBSTRING(
                  "t20"."industry",
                  CASE WHEN (
                    0 + 1
                  ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t20"."industry") END,
                  2
                ) AS "division",
                COALESCE("t20"."base", '未填报') AS "base",
                COALESCE("t20"."size", '未填报') AS "size"
              FROM (
                SELECT
                  "t12"."credit_code",
                  "t12"."region",
                  "t12"."industry",
                  "t12"."base",
                  "t12"."size",
                  "t12"."batch_id",
                  "t12"."vintage",
                  "t12"."is_current",
                  ROW_NUMBER() OVER (
                    PARTITION BY "t12"."credit_code"
                    ORDER BY "t12"."vintage" DESC, "t12"."batch_id" DESC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) - 1 AS "_rn"
                FROM (
                  SELECT
                    *
                  FROM "enterprises" AS "t5"
                  WHERE
                    "t5"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                ) AS "t12"
              ) AS "t20"
              WHERE
                "t20"."_rn" = 0
            ) AS "t26"
              ON "t25"."credit_code" = "t26"."credit_code"
            LEFT OUTER JOIN (
              SELECT
                "t11"."sei_code_",
                TRUE AS "is_sei"
              FROM (
                SELECT DISTINCT
                  "t4"."credit_code" AS "sei_code_"
                FROM "enterprise_classifications" AS "t4"
                WHERE
                  "t4"."status" = 'assigned'
              ) AS "t11"
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
    ) AS "t39"
    GROUP BY
      1,
      2,
      3,
      4,
      5
  ) AS "t45"
  LEFT OUTER JOIN (
    SELECT
      "t37"."view" AS "view__j",
      "t37"."level" AS "level__j",
      "t37"."region" AS "region__j",
      "t37"."year" AS "year__j",
      "t37"."end_month" AS "end_month__j",
      "t37"."enterprise_tech_centres"
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
            "t21"."indicator",
            "t21"."region",
            "t21"."period",
            "t21"."period_kind",
            "t21"."year",
            "t21"."start_month",
            "t21"."end_month",
            "t21"."point_date",
            "t21"."value",
            "t21"."unit",
            "t21"."published",
            "t21"."batch_id",
            "t21"."vintage",
            "t21"."is_current",
            ROW_NUMBER() OVER (
              PARTITION BY "t21"."region", "t21"."year", "t21"."end_month"
              ORDER BY "t21"."start_month" ASC, "t21"."point_date" DESC, CASE WHEN "t21"."indicator" = 'enterprise_tech_centres' THEN 0 ELSE NULL END ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) - 1 AS "_rn"
          FROM (
            SELECT
              "t17"."indicator",
              "t17"."region",
              "t17"."period",
              "t17"."period_kind",
              "t17"."year",
              "t17"."start_month",
              "t17"."end_month",
              "t17"."point_date",
              "t17"."value",
              "t17"."unit",
              "t17"."published",
              "t17"."batch_id",
              "t17"."vintage",
              "t17"."is_current"
            FROM (
              SELECT
                "t8"."indicator",
                "t8"."region",
                "t8"."period",
                "t8"."period_kind",
                "t8"."year",
                "t8"."start_month",
                "t8"."end_month",
                "t8"."point_date",
                "t8"."value",
                "t8"."unit",
                "t8"."published",
                "t8"."batch_id",
                "t8"."vintage",
                "t8"."is_current",
                ROW_NUMBER() OVER (
                  PARTITION BY "t8"."indicator", "t8"."region", "t8"."period"
                  ORDER BY "t8"."vintage" DESC, "t8"."batch_id" DESC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) - 1 AS "_rn"
              FROM (
                SELECT
                  *
                FROM "observations" AS "t1"
                WHERE
                  "t1"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
              ) AS "t8"
            ) AS "t17"
            WHERE
              "t17"."_rn" = 0 AND "t17"."indicator" IN ('enterprise_tech_centres')
          ) AS "t21"
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
  ) AS "t42"
    ON "t45"."view" = "t42"."view__j"
    AND "t45"."level" = "t42"."level__j"
    AND "t45"."region" = "t42"."region__j"
    AND "t45"."year" = "t42"."year__j"
    AND "t45"."end_month" = "t42"."end_month__j"
  LEFT OUTER JOIN (
    SELECT
      "t38"."view" AS "view__j",
      "t38"."level" AS "level__j",
      "t38"."region" AS "region__j",
      "t38"."year" AS "year__j",
      "t38"."end_month" AS "end_month__j",
      "t38"."gdp"
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
            "t22"."region",
            "t22"."period",
            "t22"."period_kind",
            "t22"."year",
            "t22"."start_month",
            "t22"."end_month",
            "t22"."indicator",
            "t22"."value",
            "t22"."unit",
            "t22"."batch_id",
            "t22"."vintage",
            "t22"."is_current",
            ROW_NUMBER() OVER (
              PARTITION BY "t22"."region", "t22"."year", "t22"."end_month"
              ORDER BY "t22"."start_month" ASC, CASE
                WHEN "t22"."indicator" = 'GDP'
                THEN 0
                WHEN "t22"."indicator" = '地区生产总值'
                THEN 1
                ELSE NULL
              END ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) - 1 AS "_rn"
          FROM (
            SELECT
              "t18"."region",
              "t18"."period",
              "t18"."period_kind",
              "t18"."year",
              "t18"."start_month",
              "t18"."end_month",
              "t18"."indicator",
              "t18"."value",
              "t18"."unit",
              "t18"."batch_id",
              "t18"."vintage",
              "t18"."is_current"
            FROM (
              SELECT
                "t9"."region",
                "t9"."period",
                "t9"."period_kind",
                "t9"."year",
                "t9"."start_month",
                "t9"."end_month",
                "t9"."indicator",
                "t9"."value",
                "t9"."unit",
                "t9"."batch_id",
                "t9"."vintage",
                "t9"."is_current",
                ROW_NUMBER() OVER (
                  PARTITION BY "t9"."region", "t9"."period", "t9"."indicator"
                  ORDER BY "t9"."vintage" DESC, "t9"."batch_id" DESC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) - 1 AS "_rn"
              FROM (
                SELECT
                  *
                FROM "regional" AS "t2"
                WHERE
                  "t2"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
              ) AS "t9"
            ) AS "t18"
            WHERE
              "t18"."_rn" = 0
              AND "t18"."indicator" IN ('GDP', '地区生产总值')
              AND "t18"."start_month" = 1
              AND "t18"."end_month" = 12
          ) AS "t22"
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
  ) AS "t43"
    ON "t45"."view" = "t43"."view__j"
    AND "t45"."level" = "t43"."level__j"
    AND "t45"."region" = "t43"."region__j"
    AND "t45"."year" = "t43"."year__j"
    AND "t45"."end_month" = "t43"."end_month__j"
) AS "t46"
