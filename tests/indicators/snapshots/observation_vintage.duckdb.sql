SELECT
  "t45"."view",
  "t45"."level",
  "t45"."region",
  "t45"."year",
  "t45"."end_month",
  "t45"."enterprise_tech_centres",
  (
    "t45"."sei_va" / NULLIF("t45"."gdp", 0)
  ) * 100.0 AS "sei_va_share_gdp"
FROM (
  SELECT
    "t44"."view",
    "t44"."level",
    "t44"."region",
    "t44"."year",
    "t44"."end_month",
    "t44"."sei_va",
    "t39"."enterprise_tech_centres",
    "t39"."gdp"
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
        "t41"."code",
        "t41"."year",
        "t41"."end_month",
        "t41"."sei_va",
        "t13"."view",
        "t13"."level",
        "t13"."region",
        "t13"."region_level"
      FROM (
        SELECT
          "t36"."code",
          "t36"."year",
          "t36"."end_month",
          SUM(CASE WHEN "t36"."is_sei" THEN "t36"."value_added" ELSE NULL END) AS "sei_va"
        FROM (
          SELECT
            "t34"."credit_code",
            "t34"."code",
            COALESCE("t34"."division", '未填报') AS "division",
            "t34"."base",
            "t34"."size",
            "t34"."is_sei",
            "t34"."sei_set",
            "t34"."year",
            "t34"."end_month",
            "t34"."value_added",
            "t34"."value_added_prior",
            CASE
              WHEN (
                "t34"."value_added" IS NOT NULL
              )
              AND (
                "t34"."value_added_prior" IS NOT NULL
              )
              AND (
                CAST(NULL AS DOUBLE) IS NOT NULL
              )
              THEN "t34"."value_added" / (
                NULLIF(CAST(NULL AS DOUBLE), 0) / 100.0
              )
              ELSE NULL
            END AS "value_added_comparable",
            CASE
              WHEN (
                "t34"."value_added" IS NOT NULL
              )
              AND (
                "t34"."value_added_prior" IS NOT NULL
              )
              AND (
                CAST(NULL AS DOUBLE) IS NOT NULL
              )
              THEN "t34"."value_added_prior"
              ELSE NULL
            END AS "value_added_prior_comparable",
            "t34"."revenue",
            "t34"."profit",
            "t34"."rd_expenditure",
            "t34"."employees"
          FROM (
            SELECT
              "t23"."credit_code",
              "t31"."code",
              "t31"."division",
              "t31"."base",
              "t31"."size",
              "t31"."is_sei",
              "t31"."sei_set",
              "t23"."year",
              "t23"."end_month",
              "t23"."value_added",
              "t23"."value_added_prior",
              "t23"."revenue",
              "t23"."profit",
              "t23"."rd_expenditure",
              "t23"."employees"
            FROM (
              SELECT
                "t17"."credit_code",
                "t17"."period",
                "t17"."period_kind",
                "t17"."year",
                "t17"."start_month",
                "t17"."end_month",
                "t17"."revenue",
                "t17"."value_added",
                "t17"."value_added_prior",
                "t17"."profit",
                "t17"."rd_expenditure",
                "t17"."employees",
                "t17"."batch_id",
                "t17"."vintage",
                "t17"."is_current"
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
            ) AS "t23"
            INNER JOIN (
              SELECT
                "t28"."credit_code",
                "t28"."code",
                "t28"."division",
                "t28"."base",
                "t28"."size",
                COALESCE("t28"."sei_set", 0) AS "sei_set",
                "t28"."sei_set" IS NOT NULL AS "is_sei"
              FROM (
                SELECT
                  "t26"."credit_code",
                  "t26"."code",
                  "t26"."division",
                  "t26"."base",
                  "t26"."size",
                  "t16"."sei_set"
                FROM (
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
                      "t11"."credit_code",
                      "t11"."region",
                      "t11"."industry",
                      "t11"."base",
                      "t11"."size",
                      "t11"."batch_id",
                      "t11"."vintage",
                      "t11"."is_current",
                      ROW_NUMBER() OVER (
                        PARTITION BY "t11"."credit_code"
                        ORDER BY "t11"."vintage" DESC, "t11"."batch_id" DESC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) - 1 AS "_rn"
                    FROM (
                      SELECT
                        *
                      FROM "enterprises" AS "t4"
                      WHERE
                        "t4"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                    ) AS "t11"
                  ) AS "t20"
                  WHERE
                    "t20"."_rn" = 0
                ) AS "t26"
                LEFT OUTER JOIN (
                  SELECT
                    "t12"."s_code",
                    1 AS "sei_set"
                  FROM (
                    SELECT DISTINCT
                      "t5"."credit_code" AS "s_code"
                    FROM "enterprise_classifications" AS "t5"
                    WHERE
                      "t5"."status" = 'assigned'
                  ) AS "t12"
                ) AS "t16"
                  ON "t26"."credit_code" = "t16"."s_code"
              ) AS "t28"
            ) AS "t31"
              ON "t23"."credit_code" = "t31"."credit_code"
          ) AS "t34"
        ) AS "t36"
        GROUP BY
          1,
          2,
          3
      ) AS "t41"
      INNER JOIN (
        SELECT
          *
        FROM "ind_dim_region" AS "t0"
        WHERE
          "t0"."view" = 'reporting' AND "t0"."level" = 'province'
      ) AS "t13"
        ON "t41"."code" = "t13"."code"
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
      "t37"."view" AS "view__j",
      "t37"."level" AS "level__j",
      "t37"."region" AS "region__j",
      "t37"."year" AS "year__j",
      "t37"."end_month" AS "end_month__j",
      "t37"."enterprise_tech_centres",
      "t37"."gdp"
    FROM (
      SELECT
        "t35"."view",
        "t35"."level",
        "t35"."region",
        "t35"."year",
        "t35"."end_month",
        MAX(
          CASE
            WHEN "t35"."indicator" = 'enterprise_tech_centres'
            THEN "t35"."value"
            ELSE NULL
          END
        ) AS "enterprise_tech_centres",
        MAX(CASE WHEN "t35"."indicator" = 'gdp' THEN "t35"."value" ELSE NULL END) AS "gdp"
      FROM (
        SELECT
          "t33"."indicator",
          "t33"."s_region",
          "t33"."year",
          "t33"."end_month",
          "t33"."start_month",
          "t33"."point_date",
          "t33"."pick",
          "t33"."value",
          "t33"."_rn",
          "t14"."view",
          "t14"."level",
          "t14"."region"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t27"."indicator",
              "t27"."s_region",
              "t27"."year",
              "t27"."end_month",
              "t27"."start_month",
              "t27"."point_date",
              "t27"."pick",
              "t27"."value",
              ROW_NUMBER() OVER (
                PARTITION BY "t27"."indicator", "t27"."s_region", "t27"."year", "t27"."end_month"
                ORDER BY "t27"."start_month" ASC, "t27"."point_date" DESC, "t27"."pick" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) - 1 AS "_rn"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  'enterprise_tech_centres' AS "indicator",
                  "t18"."region" AS "s_region",
                  "t18"."year",
                  "t18"."end_month",
                  "t18"."start_month",
                  CAST("t18"."point_date" AS TIMESTAMP) AS "point_date",
                  CASE WHEN "t18"."indicator" = 'enterprise_tech_centres' THEN 0 ELSE NULL END AS "pick",
                  CASE
                    WHEN "t18"."unit" = '家'
                    THEN "t18"."value" * 1.0
                    WHEN "t18"."unit" = '十万家'
                    THEN "t18"."value" * 100000.0
                    WHEN "t18"."unit" = '百万家'
                    THEN "t18"."value" * 1000000.0
                    WHEN "t18"."unit" = '千万家'
                    THEN "t18"."value" * 10000000.0
                    WHEN "t18"."unit" = '万家'
                    THEN "t18"."value" * 10000.0
                    WHEN "t18"."unit" = '十亿家'
                    THEN "t18"."value" * 1000000000.0
                    WHEN "t18"."unit" = '百亿家'
                    THEN "t18"."value" * 10000000000.0
                    WHEN "t18"."unit" = '千亿家'
                    THEN "t18"."value" * 100000000000.0
                    WHEN "t18"."unit" = '亿家'
                    THEN "t18"."value" * 100000000.0
                    WHEN "t18"."unit" = '万亿家'
                    THEN "t18"."value" * 1000000000000.0
                    ELSE NULL
                  END AS "value"
                FROM (
                  SELECT
                    "t9"."indicator",
                    "t9"."region",
                    "t9"."period",
                    "t9"."period_kind",
                    "t9"."year",
                    "t9"."start_month",
                    "t9"."end_month",
                    "t9"."point_date",
                    "t9"."value",
                    "t9"."unit",
                    "t9"."published",
                    "t9"."batch_id",
                    "t9"."vintage",
                    "t9"."is_current",
                    ROW_NUMBER() OVER (
                      PARTITION BY "t9"."indicator", "t9"."region", "t9"."period"
                      ORDER BY "t9"."vintage" DESC, "t9"."batch_id" DESC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) - 1 AS "_rn"
                  FROM (
                    SELECT
                      *
                    FROM "observations" AS "t2"
                    WHERE
                      "t2"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                  ) AS "t9"
                ) AS "t18"
                WHERE
                  "t18"."_rn" = 0 AND "t18"."indicator" IN ('enterprise_tech_centres')
              ) AS "t24"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  'gdp' AS "indicator",
                  "t19"."region" AS "s_region",
                  "t19"."year",
                  "t19"."end_month",
                  "t19"."start_month",
                  CAST(NULL AS TIMESTAMP) AS "point_date",
                  CASE
                    WHEN "t19"."indicator" = 'GDP'
                    THEN 0
                    WHEN "t19"."indicator" = '地区生产总值'
                    THEN 1
                    ELSE NULL
                  END AS "pick",
                  CASE
                    WHEN "t19"."unit" = '元'
                    THEN "t19"."value" * 0.0001
                    WHEN "t19"."unit" = '十万元'
                    THEN "t19"."value" * 10.0
                    WHEN "t19"."unit" = '百万元'
                    THEN "t19"."value" * 100.0
                    WHEN "t19"."unit" = '千万元'
                    THEN "t19"."value" * 1000.0
                    WHEN "t19"."unit" = '万元'
                    THEN "t19"."value" * 1.0
                    WHEN "t19"."unit" = '十亿元'
                    THEN "t19"."value" * 100000.0
                    WHEN "t19"."unit" = '百亿元'
                    THEN "t19"."value" * 1000000.0
                    WHEN "t19"."unit" = '千亿元'
                    THEN "t19"."value" * 10000000.0
                    WHEN "t19"."unit" = '亿元'
                    THEN "t19"."value" * 10000.0
                    WHEN "t19"."unit" = '万亿元'
                    THEN "t19"."value" * 100000000.0
                    WHEN "t19"."unit" = '千元'
                    THEN "t19"."value" * 0.1
                    ELSE NULL
                  END AS "value"
                FROM (
                  SELECT
                    "t10"."region",
                    "t10"."period",
                    "t10"."period_kind",
                    "t10"."year",
                    "t10"."start_month",
                    "t10"."end_month",
                    "t10"."indicator",
                    "t10"."value",
                    "t10"."unit",
                    "t10"."batch_id",
                    "t10"."vintage",
                    "t10"."is_current",
                    ROW_NUMBER() OVER (
                      PARTITION BY "t10"."region", "t10"."period", "t10"."indicator"
                      ORDER BY "t10"."vintage" DESC, "t10"."batch_id" DESC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) - 1 AS "_rn"
                  FROM (
                    SELECT
                      *
                    FROM "regional" AS "t3"
                    WHERE
                      "t3"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                  ) AS "t10"
                ) AS "t19"
                WHERE
                  "t19"."_rn" = 0
                  AND "t19"."indicator" IN ('GDP', '地区生产总值')
                  AND "t19"."start_month" = 1
                  AND "t19"."end_month" = 12
              ) AS "t25"
            ) AS "t27"
          ) AS "t29"
          WHERE
            "t29"."_rn" = 0
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
      ) AS "t35"
      GROUP BY
        1,
        2,
        3,
        4,
        5
    ) AS "t37"
  ) AS "t39"
    ON "t44"."view" = "t39"."view__j"
    AND "t44"."level" = "t39"."level__j"
    AND "t44"."region" = "t39"."region__j"
    AND "t44"."year" = "t39"."year__j"
    AND "t44"."end_month" = "t39"."end_month__j"
) AS "t45"
