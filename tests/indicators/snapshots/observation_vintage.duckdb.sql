SELECT
  "t51"."view",
  "t51"."level",
  "t51"."region",
  "t51"."year",
  "t51"."end_month",
  "t51"."enterprise_tech_centres",
  (
    "t51"."sei_va" / NULLIF("t51"."gdp", 0)
  ) * 100.0 AS "sei_va_share_gdp"
FROM (
  SELECT
    "t48"."view",
    "t48"."level",
    "t48"."region",
    "t48"."year",
    "t48"."end_month",
    "t48"."sei_va",
    "t50"."enterprise_tech_centres",
    "t50"."gdp"
  FROM (
    SELECT
      "t45"."view",
      "t45"."level",
      "t45"."region",
      "t45"."year",
      "t45"."end_month",
      SUM("t45"."sei_va") AS "sei_va"
    FROM (
      SELECT
        "t43"."code",
        "t43"."year",
        "t43"."end_month",
        "t43"."sei_va",
        "t16"."view",
        "t16"."level",
        "t16"."region",
        "t16"."region_level"
      FROM (
        SELECT
          "t39"."code",
          "t39"."year",
          "t39"."end_month",
          SUM(CASE WHEN "t39"."is_sei" THEN "t39"."value_added" ELSE NULL END) AS "sei_va"
        FROM (
          SELECT
            "t37"."credit_code",
            "t37"."code",
            COALESCE("t37"."division", '未填报') AS "division",
            "t37"."base",
            "t37"."size",
            "t37"."is_sei",
            "t37"."sei_set",
            "t37"."year",
            "t37"."end_month",
            "t37"."value_added",
            "t37"."value_added_prior",
            CASE
              WHEN (
                "t37"."value_added" IS NOT NULL
              )
              AND (
                "t37"."value_added_prior" IS NOT NULL
              )
              AND (
                CAST(NULL AS DOUBLE) IS NOT NULL
              )
              THEN "t37"."value_added" / (
                NULLIF(CAST(NULL AS DOUBLE), 0) / 100.0
              )
              ELSE NULL
            END AS "value_added_comparable",
            CASE
              WHEN (
                "t37"."value_added" IS NOT NULL
              )
              AND (
                "t37"."value_added_prior" IS NOT NULL
              )
              AND (
                CAST(NULL AS DOUBLE) IS NOT NULL
              )
              THEN "t37"."value_added_prior"
              ELSE NULL
            END AS "value_added_prior_comparable",
            "t37"."revenue",
            "t37"."profit",
            "t37"."rd_expenditure",
            "t37"."employees"
          FROM (
            SELECT
              "t26"."credit_code",
              "t34"."code",
              "t34"."division",
              "t34"."base",
              "t34"."size",
              "t34"."is_sei",
              "t34"."sei_set",
              "t26"."year",
              "t26"."end_month",
              "t26"."value_added",
              "t26"."value_added_prior",
              "t26"."revenue",
              "t26"."profit",
              "t26"."rd_expenditure",
              "t26"."employees"
            FROM (
              SELECT
                "t20"."credit_code",
                "t20"."period",
                "t20"."period_kind",
                "t20"."year",
                "t20"."start_month",
                "t20"."end_month",
                "t20"."revenue",
                "t20"."value_added",
                "t20"."value_added_prior",
                "t20"."profit",
                "t20"."rd_expenditure",
                "t20"."employees",
                "t20"."batch_id",
                "t20"."vintage",
                "t20"."is_current"
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
                  FROM "reports" AS "t1"
                  WHERE
                    "t1"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                ) AS "t10"
              ) AS "t20"
              WHERE
                "t20"."_rn" = 0 AND "t20"."start_month" = 1
            ) AS "t26"
            INNER JOIN (
              SELECT
                "t31"."credit_code",
                "t31"."code",
                "t31"."division",
                "t31"."base",
                "t31"."size",
                COALESCE("t31"."sei_set", 0) AS "sei_set",
                "t31"."sei_set" IS NOT NULL AS "is_sei"
              FROM (
                SELECT
                  "t27"."credit_code",
                  "t27"."code",
                  "t27"."division",
                  "t27"."base",
                  "t27"."size",
                  "t19"."sei_set"
                FROM (
                  SELECT
                    "t21"."credit_code",
                    "t21"."region" AS "code",
                    SUBSTRING(
                      "t21"."industry",
                      CASE WHEN (
                        0 + 1
                      ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t21"."industry") END,
                      2
                    ) AS "division",
                    COALESCE("t21"."base", '未填报') AS "base",
                    COALESCE("t21"."size", '未填报') AS "size"
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
                      FROM "enterprises" AS "t3"
                      WHERE
                        "t3"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                    ) AS "t12"
                  ) AS "t21"
                  WHERE
                    "t21"."_rn" = 0
                ) AS "t27"
                LEFT OUTER JOIN (
                  SELECT
                    "t13"."s_code",
                    1 AS "sei_set"
                  FROM (
                    SELECT DISTINCT
                      "t4"."credit_code" AS "s_code"
                    FROM "enterprise_classifications" AS "t4"
                    WHERE
                      "t4"."status" = 'assigned'
                  ) AS "t13"
                ) AS "t19"
                  ON "t27"."credit_code" = "t19"."s_code"
              ) AS "t31"
            ) AS "t34"
              ON "t26"."credit_code" = "t34"."credit_code"
          ) AS "t37"
        ) AS "t39"
        GROUP BY
          1,
          2,
          3
      ) AS "t43"
      INNER JOIN (
        SELECT
          *
        FROM "ind_dim_region" AS "t0"
        WHERE
          "t0"."view" = 'reporting' AND "t0"."level" = 'province'
      ) AS "t16"
        ON "t43"."code" = "t16"."code"
    ) AS "t45"
    GROUP BY
      1,
      2,
      3,
      4,
      5
  ) AS "t48"
  LEFT OUTER JOIN (
    SELECT
      "t46"."view" AS "view__j",
      "t46"."level" AS "level__j",
      "t46"."region" AS "region__j",
      "t46"."year" AS "year__j",
      "t46"."end_month" AS "end_month__j",
      "t46"."enterprise_tech_centres",
      "t46"."gdp"
    FROM (
      SELECT
        "t44"."view",
        "t44"."level",
        "t44"."region",
        "t44"."year",
        "t44"."end_month",
        MAX(
          CASE
            WHEN "t44"."indicator" = 'enterprise_tech_centres'
            THEN "t44"."value"
            ELSE NULL
          END
        ) AS "enterprise_tech_centres",
        MAX(CASE WHEN "t44"."indicator" = 'gdp' THEN "t44"."value" ELSE NULL END) AS "gdp"
      FROM (
        SELECT
          "t41"."indicator",
          "t41"."s_region",
          "t41"."year",
          "t41"."end_month",
          "t41"."start_month",
          "t41"."point_date",
          "t41"."pick",
          "t41"."value",
          "t41"."unit",
          "t41"."to_unit",
          "t41"."to_base",
          "t41"."to_factor",
          "t41"."_rn",
          "t17"."view",
          "t17"."level",
          "t17"."region"
        FROM (
          SELECT
            "t38"."indicator",
            "t38"."s_region",
            "t38"."year",
            "t38"."end_month",
            "t38"."start_month",
            "t38"."point_date",
            "t38"."pick",
            CASE
              WHEN "t38"."u_base" = "t38"."to_base"
              THEN "t38"."value" * (
                "t38"."u_factor" / "t38"."to_factor"
              )
              WHEN (
                "t38"."to_base" IS NULL
              ) AND (
                "t38"."unit" = "t38"."to_unit"
              )
              THEN "t38"."value"
              ELSE NULL
            END AS "value",
            "t38"."unit",
            "t38"."to_unit",
            "t38"."to_base",
            "t38"."to_factor",
            "t38"."_rn"
          FROM (
            SELECT
              "t36"."indicator",
              "t36"."s_region",
              "t36"."year",
              "t36"."end_month",
              "t36"."start_month",
              "t36"."point_date",
              "t36"."pick",
              "t36"."value",
              "t36"."unit",
              "t36"."to_unit",
              "t36"."to_base",
              "t36"."to_factor",
              "t36"."_rn",
              "t11"."u_unit",
              "t11"."u_base",
              "t11"."u_factor"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t30"."indicator",
                  "t30"."s_region",
                  "t30"."year",
                  "t30"."end_month",
                  "t30"."start_month",
                  "t30"."point_date",
                  "t30"."pick",
                  "t30"."value",
                  "t30"."unit",
                  "t30"."to_unit",
                  "t30"."to_base",
                  "t30"."to_factor",
                  ROW_NUMBER() OVER (
                    PARTITION BY "t30"."indicator", "t30"."s_region", "t30"."year", "t30"."end_month"
                    ORDER BY "t30"."start_month" ASC, "t30"."point_date" DESC, "t30"."pick" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) - 1 AS "_rn"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      'enterprise_tech_centres' AS "indicator",
                      "t22"."region" AS "s_region",
                      "t22"."year",
                      "t22"."end_month",
                      "t22"."start_month",
                      CAST("t22"."point_date" AS TIMESTAMP) AS "point_date",
                      CASE WHEN "t22"."indicator" = 'enterprise_tech_centres' THEN 0 ELSE NULL END AS "pick",
                      "t22"."value",
                      "t22"."unit",
                      '家' AS "to_unit",
                      '家' AS "to_base",
                      1.0 AS "to_factor"
                    FROM (
                      SELECT
                        "t14"."indicator",
                        "t14"."region",
                        "t14"."period",
                        "t14"."period_kind",
                        "t14"."year",
                        "t14"."start_month",
                        "t14"."end_month",
                        "t14"."point_date",
                        "t14"."value",
                        "t14"."unit",
                        "t14"."published",
                        "t14"."batch_id",
                        "t14"."vintage",
                        "t14"."is_current",
                        ROW_NUMBER() OVER (
                          PARTITION BY "t14"."indicator", "t14"."region", "t14"."period"
                          ORDER BY "t14"."vintage" DESC, "t14"."batch_id" DESC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) - 1 AS "_rn"
                      FROM (
                        SELECT
                          *
                        FROM "observations" AS "t5"
                        WHERE
                          "t5"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                      ) AS "t14"
                    ) AS "t22"
                    WHERE
                      "t22"."_rn" = 0 AND "t22"."indicator" IN ('enterprise_tech_centres')
                  ) AS "t28"
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      'gdp' AS "indicator",
                      "t23"."region" AS "s_region",
                      "t23"."year",
                      "t23"."end_month",
                      "t23"."start_month",
                      CAST(NULL AS TIMESTAMP) AS "point_date",
                      CASE
                        WHEN "t23"."indicator" = 'GDP'
                        THEN 0
                        WHEN "t23"."indicator" = '地区生产总值'
                        THEN 1
                        ELSE NULL
                      END AS "pick",
                      "t23"."value",
                      "t23"."unit",
                      '万元' AS "to_unit",
                      '元' AS "to_base",
                      10000.0 AS "to_factor"
                    FROM (
                      SELECT
                        "t15"."region",
                        "t15"."period",
                        "t15"."period_kind",
                        "t15"."year",
                        "t15"."start_month",
                        "t15"."end_month",
                        "t15"."indicator",
                        "t15"."value",
                        "t15"."unit",
                        "t15"."batch_id",
                        "t15"."vintage",
                        "t15"."is_current",
                        ROW_NUMBER() OVER (
                          PARTITION BY "t15"."region", "t15"."period", "t15"."indicator"
                          ORDER BY "t15"."vintage" DESC, "t15"."batch_id" DESC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) - 1 AS "_rn"
                      FROM (
                        SELECT
                          *
                        FROM "regional" AS "t6"
                        WHERE
                          "t6"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                      ) AS "t15"
                    ) AS "t23"
                    WHERE
                      "t23"."_rn" = 0
                      AND "t23"."indicator" IN ('GDP', '地区生产总值')
                      AND "t23"."start_month" = 1
                      AND "t23"."end_month" = 12
                  ) AS "t29"
                ) AS "t30"
              ) AS "t32"
              WHERE
                "t32"."_rn" = 0
            ) AS "t36"
            LEFT OUTER JOIN (
              SELECT
                "t2"."unit" AS "u_unit",
                "t2"."base" AS "u_base",
                "t2"."factor" AS "u_factor"
              FROM "ind_dim_unit" AS "t2"
            ) AS "t11"
              ON "t36"."unit" = "t11"."u_unit"
          ) AS "t38"
        ) AS "t41"
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
        ) AS "t17"
          ON "t41"."s_region" = "t17"."region"
      ) AS "t44"
      GROUP BY
        1,
        2,
        3,
        4,
        5
    ) AS "t46"
  ) AS "t50"
    ON "t48"."view" = "t50"."view__j"
    AND "t48"."level" = "t50"."level__j"
    AND "t48"."region" = "t50"."region__j"
    AND "t48"."year" = "t50"."year__j"
    AND "t48"."end_month" = "t50"."end_month__j"
) AS "t51"
