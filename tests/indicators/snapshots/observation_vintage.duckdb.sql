SELECT
  "t59"."view",
  "t59"."level",
  "t59"."region",
  "t59"."year",
  "t59"."end_month",
  "t59"."enterprise_tech_centres",
  (
    "t59"."sei_va_total" / NULLIF("t59"."gdp", 0)
  ) * 100.0 AS "sei_va_share_gdp"
FROM (
  SELECT
    "t58"."view",
    "t58"."level",
    "t58"."region",
    "t58"."year",
    "t58"."end_month",
    "t58"."sei_va_total",
    "t56"."enterprise_tech_centres",
    "t56"."gdp"
  FROM (
    SELECT
      "t54"."view",
      "t54"."level",
      "t54"."region",
      "t54"."year",
      "t54"."end_month",
      SUM("t54"."sei_va_total") AS "sei_va_total"
    FROM (
      SELECT
        "t52"."code",
        "t52"."year",
        "t52"."end_month",
        "t52"."sei_va_total",
        "t18"."view",
        "t18"."level",
        "t18"."region",
        "t18"."region_level"
      FROM (
        SELECT
          "t49"."code",
          "t49"."year",
          "t49"."end_month",
          SUM(CASE WHEN "t49"."is_sei" THEN "t49"."value_added_total" ELSE NULL END) AS "sei_va_total"
        FROM (
          SELECT
            "t46"."credit_code",
            "t46"."code",
            COALESCE("t46"."division", '未填报') AS "division",
            "t46"."base",
            "t46"."size",
            "t46"."is_sei",
            "t46"."sei_set",
            "t46"."year",
            "t46"."end_month",
            "t46"."value_added",
            "t46"."value_added_prior",
            CASE
              WHEN (
                "t46"."value_added" IS NOT NULL
              )
              AND (
                "t46"."value_added_prior" IS NOT NULL
              )
              AND (
                CAST(NULL AS DOUBLE) IS NOT NULL
              )
              THEN "t46"."value_added" / (
                NULLIF(CAST(NULL AS DOUBLE), 0) / 100.0
              )
              ELSE NULL
            END AS "value_added_comparable",
            CASE
              WHEN (
                "t46"."value_added" IS NOT NULL
              )
              AND (
                "t46"."value_added_prior" IS NOT NULL
              )
              AND (
                CAST(NULL AS DOUBLE) IS NOT NULL
              )
              THEN "t46"."value_added_prior"
              ELSE NULL
            END AS "value_added_prior_comparable",
            "t46"."revenue",
            "t46"."profit",
            "t46"."rd_expenditure",
            "t46"."employees",
            CASE WHEN NOT (
              "t46"."is_services"
            ) THEN "t46"."revenue" ELSE NULL END AS "industry_revenue",
            CASE WHEN "t46"."is_services" THEN "t46"."revenue" ELSE NULL END AS "services_revenue",
            CASE
              WHEN "t46"."is_services"
              AND (
                "t46"."revenue" IS NOT NULL
              )
              AND (
                "t46"."services_revenue_prior" IS NOT NULL
              )
              THEN "t46"."revenue"
              ELSE NULL
            END AS "services_revenue_same",
            CASE
              WHEN "t46"."is_services"
              AND (
                "t46"."revenue" IS NOT NULL
              )
              AND (
                "t46"."services_revenue_prior" IS NOT NULL
              )
              THEN "t46"."services_revenue_prior"
              ELSE NULL
            END AS "services_revenue_prior_same",
            "t46"."services_value_added",
            CASE
              WHEN "t46"."is_services"
              THEN "t46"."services_value_added"
              ELSE "t46"."value_added"
            END AS "value_added_total"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t43"."credit_code",
                "t43"."code",
                "t43"."division",
                "t43"."base",
                "t43"."size",
                "t43"."is_sei",
                "t43"."sei_set",
                "t43"."year",
                "t43"."end_month",
                "t43"."value_added",
                "t43"."value_added_prior",
                "t43"."revenue",
                "t43"."profit",
                "t43"."rd_expenditure",
                "t43"."employees",
                CAST(NULL AS DOUBLE) AS "services_revenue_prior",
                CAST(NULL AS DOUBLE) AS "services_value_added",
                FALSE AS "is_services"
              FROM (
                SELECT
                  "t31"."credit_code",
                  "t39"."code",
                  "t39"."division",
                  "t39"."base",
                  "t39"."size",
                  "t39"."is_sei",
                  "t39"."sei_set",
                  "t31"."year",
                  "t31"."end_month",
                  "t31"."value_added",
                  "t31"."value_added_prior",
                  "t31"."revenue",
                  "t31"."profit",
                  "t31"."rd_expenditure",
                  "t31"."employees"
                FROM (
                  SELECT
                    "t23"."credit_code",
                    "t23"."period",
                    "t23"."period_kind",
                    "t23"."year",
                    "t23"."start_month",
                    "t23"."end_month",
                    "t23"."revenue",
                    "t23"."value_added",
                    "t23"."value_added_prior",
                    "t23"."profit",
                    "t23"."rd_expenditure",
                    "t23"."employees",
                    "t23"."batch_id",
                    "t23"."vintage",
                    "t23"."is_current"
                  FROM (
                    SELECT
                      "t13"."credit_code",
                      "t13"."period",
                      "t13"."period_kind",
                      "t13"."year",
                      "t13"."start_month",
                      "t13"."end_month",
                      "t13"."revenue",
                      "t13"."value_added",
                      "t13"."value_added_prior",
                      "t13"."profit",
                      "t13"."rd_expenditure",
                      "t13"."employees",
                      "t13"."batch_id",
                      "t13"."vintage",
                      "t13"."is_current",
                      ROW_NUMBER() OVER (
                        PARTITION BY "t13"."credit_code", "t13"."period"
                        ORDER BY "t13"."vintage" DESC, "t13"."batch_id" DESC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) - 1 AS "_rn"
                    FROM (
                      SELECT
                        *
                      FROM "reports" AS "t3"
                      WHERE
                        "t3"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                    ) AS "t13"
                  ) AS "t23"
                  WHERE
                    "t23"."_rn" = 0 AND "t23"."start_month" = 1
                ) AS "t31"
                INNER JOIN (
                  SELECT
                    "t36"."credit_code",
                    "t36"."code",
                    "t36"."division",
                    "t36"."base",
                    "t36"."size",
                    COALESCE("t36"."sei_set", 0) AS "sei_set",
                    "t36"."sei_set" IS NOT NULL AS "is_sei"
                  FROM (
                    SELECT
                      "t34"."credit_code",
                      "t34"."code",
                      "t34"."division",
                      "t34"."base",
                      "t34"."size",
                      "t21"."sei_set"
                    FROM (
                      SELECT
                        "t26"."credit_code",
                        "t26"."region" AS "code",
                        SUBSTRING(
                          "t26"."industry",
                          CASE WHEN (
                            0 + 1
                          ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t26"."industry") END,
                          2
                        ) AS "division",
                        COALESCE("t26"."base", '未填报') AS "base",
                        COALESCE("t26"."size", '未填报') AS "size"
                      FROM (
                        SELECT
                          "t16"."credit_code",
                          "t16"."region",
                          "t16"."industry",
                          "t16"."base",
                          "t16"."size",
                          "t16"."batch_id",
                          "t16"."vintage",
                          "t16"."is_current",
                          ROW_NUMBER() OVER (
                            PARTITION BY "t16"."credit_code"
                            ORDER BY "t16"."vintage" DESC, "t16"."batch_id" DESC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) - 1 AS "_rn"
                        FROM (
                          SELECT
                            *
                          FROM "enterprises" AS "t6"
                          WHERE
                            "t6"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                        ) AS "t16"
                      ) AS "t26"
                      WHERE
                        "t26"."_rn" = 0
                    ) AS "t34"
                    LEFT OUTER JOIN (
                      SELECT
                        "t17"."s_code",
                        1 AS "sei_set"
                      FROM (
                        SELECT DISTINCT
                          "t7"."credit_code" AS "s_code"
                        FROM "enterprise_classifications" AS "t7"
                        WHERE
                          "t7"."status" = 'assigned'
                      ) AS "t17"
                    ) AS "t21"
                      ON "t34"."credit_code" = "t21"."s_code"
                  ) AS "t36"
                ) AS "t39"
                  ON "t31"."credit_code" = "t39"."credit_code"
              ) AS "t43"
            ) AS "t45"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t30"."credit_code",
                "t39"."code",
                "t39"."division",
                "t39"."base",
                "t39"."size",
                "t39"."is_sei",
                "t39"."sei_set",
                "t30"."year",
                "t30"."end_month",
                CAST(NULL AS DOUBLE) AS "value_added",
                CAST(NULL AS DOUBLE) AS "value_added_prior",
                "t30"."revenue",
                CAST(NULL AS DOUBLE) AS "profit",
                CAST(NULL AS DOUBLE) AS "rd_expenditure",
                CAST(NULL AS DOUBLE) AS "employees",
                "t30"."revenue_prior" AS "services_revenue_prior",
                "t30"."payroll" + COALESCE("t30"."taxes", 0.0) + COALESCE("t30"."vat", 0.0) + COALESCE("t30"."depreciation", 0.0) + "t30"."operating_profit" AS "services_value_added",
                TRUE AS "is_services"
              FROM (
                SELECT
                  "t22"."credit_code",
                  "t22"."period",
                  "t22"."period_kind",
                  "t22"."year",
                  "t22"."start_month",
                  "t22"."end_month",
                  "t22"."revenue",
                  "t22"."revenue_prior",
                  "t22"."operating_profit",
                  "t22"."payroll",
                  "t22"."taxes",
                  "t22"."vat",
                  "t22"."depreciation",
                  "t22"."batch_id",
                  "t22"."vintage",
                  "t22"."is_current"
                FROM (
                  SELECT
                    "t12"."credit_code",
                    "t12"."period",
                    "t12"."period_kind",
                    "t12"."year",
                    "t12"."start_month",
                    "t12"."end_month",
                    "t12"."revenue",
                    "t12"."revenue_prior",
                    "t12"."operating_profit",
                    "t12"."payroll",
                    "t12"."taxes",
                    "t12"."vat",
                    "t12"."depreciation",
                    "t12"."batch_id",
                    "t12"."vintage",
                    "t12"."is_current",
                    ROW_NUMBER() OVER (
                      PARTITION BY "t12"."credit_code", "t12"."period"
                      ORDER BY "t12"."vintage" DESC, "t12"."batch_id" DESC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) - 1 AS "_rn"
                  FROM (
                    SELECT
                      *
                    FROM "service_reports" AS "t2"
                    WHERE
                      "t2"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                  ) AS "t12"
                ) AS "t22"
                WHERE
                  "t22"."_rn" = 0 AND "t22"."start_month" = 1
              ) AS "t30"
              INNER JOIN (
                SELECT
                  "t36"."credit_code",
                  "t36"."code",
                  "t36"."division",
                  "t36"."base",
                  "t36"."size",
                  COALESCE("t36"."sei_set", 0) AS "sei_set",
                  "t36"."sei_set" IS NOT NULL AS "is_sei"
                FROM (
                  SELECT
                    "t34"."credit_code",
                    "t34"."code",
                    "t34"."division",
                    "t34"."base",
                    "t34"."size",
                    "t21"."sei_set"
                  FROM (
                    SELECT
                      "t26"."credit_code",
                      "t26"."region" AS "code",
                      SUBSTRING(
                        "t26"."industry",
                        CASE WHEN (
                          0 + 1
                        ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t26"."industry") END,
                        2
                      ) AS "division",
                      COALESCE("t26"."base", '未填报') AS "base",
                      COALESCE("t26"."size", '未填报') AS "size"
                    FROM (
                      SELECT
                        "t16"."credit_code",
                        "t16"."region",
                        "t16"."industry",
                        "t16"."base",
                        "t16"."size",
                        "t16"."batch_id",
                        "t16"."vintage",
                        "t16"."is_current",
                        ROW_NUMBER() OVER (
                          PARTITION BY "t16"."credit_code"
                          ORDER BY "t16"."vintage" DESC, "t16"."batch_id" DESC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) - 1 AS "_rn"
                      FROM (
                        SELECT
                          *
                        FROM "enterprises" AS "t6"
                        WHERE
                          "t6"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                      ) AS "t16"
                    ) AS "t26"
                    WHERE
                      "t26"."_rn" = 0
                  ) AS "t34"
                  LEFT OUTER JOIN (
                    SELECT
                      "t17"."s_code",
                      1 AS "sei_set"
                    FROM (
                      SELECT DISTINCT
                        "t7"."credit_code" AS "s_code"
                      FROM "enterprise_classifications" AS "t7"
                      WHERE
                        "t7"."status" = 'assigned'
                    ) AS "t17"
                  ) AS "t21"
                    ON "t34"."credit_code" = "t21"."s_code"
                ) AS "t36"
              ) AS "t39"
                ON "t30"."credit_code" = "t39"."credit_code"
            ) AS "t42"
          ) AS "t46"
        ) AS "t49"
        GROUP BY
          1,
          2,
          3
      ) AS "t52"
      INNER JOIN (
        SELECT
          *
        FROM "ind_dim_region" AS "t0"
        WHERE
          "t0"."view" = 'reporting' AND "t0"."level" = 'province'
      ) AS "t18"
        ON "t52"."code" = "t18"."code"
    ) AS "t54"
    GROUP BY
      1,
      2,
      3,
      4,
      5
  ) AS "t58"
  LEFT OUTER JOIN (
    SELECT
      "t53"."view" AS "view__j",
      "t53"."level" AS "level__j",
      "t53"."region" AS "region__j",
      "t53"."year" AS "year__j",
      "t53"."end_month" AS "end_month__j",
      "t53"."enterprise_tech_centres",
      "t53"."gdp"
    FROM (
      SELECT
        "t50"."view",
        "t50"."level",
        "t50"."region",
        "t50"."year",
        "t50"."end_month",
        MAX(
          CASE
            WHEN "t50"."indicator" = 'enterprise_tech_centres'
            THEN "t50"."value"
            ELSE NULL
          END
        ) AS "enterprise_tech_centres",
        MAX(CASE WHEN "t50"."indicator" = 'gdp' THEN "t50"."value" ELSE NULL END) AS "gdp"
      FROM (
        SELECT
          "t48"."indicator",
          "t48"."s_region",
          "t48"."year",
          "t48"."end_month",
          "t48"."start_month",
          "t48"."point_date",
          "t48"."pick",
          "t48"."value",
          "t48"."unit",
          "t48"."to_unit",
          "t48"."to_base",
          "t48"."to_factor",
          "t48"."_rn",
          "t19"."view",
          "t19"."level",
          "t19"."region"
        FROM (
          SELECT
            "t44"."indicator",
            "t44"."s_region",
            "t44"."year",
            "t44"."end_month",
            "t44"."start_month",
            "t44"."point_date",
            "t44"."pick",
            CASE
              WHEN "t44"."u_base" = "t44"."to_base"
              THEN "t44"."value" * (
                "t44"."u_factor" / "t44"."to_factor"
              )
              WHEN (
                "t44"."to_base" IS NULL
              ) AND (
                "t44"."unit" = "t44"."to_unit"
              )
              THEN "t44"."value"
              ELSE NULL
            END AS "value",
            "t44"."unit",
            "t44"."to_unit",
            "t44"."to_base",
            "t44"."to_factor",
            "t44"."_rn"
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
              "t11"."u_unit",
              "t11"."u_base",
              "t11"."u_factor"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t35"."indicator",
                  "t35"."s_region",
                  "t35"."year",
                  "t35"."end_month",
                  "t35"."start_month",
                  "t35"."point_date",
                  "t35"."pick",
                  "t35"."value",
                  "t35"."unit",
                  "t35"."to_unit",
                  "t35"."to_base",
                  "t35"."to_factor",
                  ROW_NUMBER() OVER (
                    PARTITION BY "t35"."indicator", "t35"."s_region", "t35"."year", "t35"."end_month"
                    ORDER BY "t35"."start_month" ASC, "t35"."point_date" DESC, "t35"."pick" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) - 1 AS "_rn"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      'enterprise_tech_centres' AS "indicator",
                      "t24"."region" AS "s_region",
                      "t24"."year",
                      "t24"."end_month",
                      "t24"."start_month",
                      CAST("t24"."point_date" AS TIMESTAMP) AS "point_date",
                      CASE WHEN "t24"."indicator" = 'enterprise_tech_centres' THEN 0 ELSE NULL END AS "pick",
                      "t24"."value",
                      "t24"."unit",
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
                        FROM "observations" AS "t4"
                        WHERE
                          "t4"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                      ) AS "t14"
                    ) AS "t24"
                    WHERE
                      "t24"."_rn" = 0 AND "t24"."indicator" IN ('enterprise_tech_centres')
                  ) AS "t32"
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      'gdp' AS "indicator",
                      "t25"."region" AS "s_region",
                      "t25"."year",
                      "t25"."end_month",
                      "t25"."start_month",
                      CAST(NULL AS TIMESTAMP) AS "point_date",
                      CASE
                        WHEN "t25"."indicator" = 'GDP'
                        THEN 0
                        WHEN "t25"."indicator" = '地区生产总值'
                        THEN 1
                        ELSE NULL
                      END AS "pick",
                      "t25"."value",
                      "t25"."unit",
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
                        FROM "regional" AS "t5"
                        WHERE
                          "t5"."vintage" <= MAKE_TIMESTAMP(2020, 3, 1, 23, 59, 59.0)
                      ) AS "t15"
                    ) AS "t25"
                    WHERE
                      "t25"."_rn" = 0
                      AND "t25"."indicator" IN ('GDP', '地区生产总值')
                      AND "t25"."start_month" = 1
                      AND "t25"."end_month" = 12
                  ) AS "t33"
                ) AS "t35"
              ) AS "t37"
              WHERE
                "t37"."_rn" = 0
            ) AS "t41"
            LEFT OUTER JOIN (
              SELECT
                "t1"."unit" AS "u_unit",
                "t1"."base" AS "u_base",
                "t1"."factor" AS "u_factor"
              FROM "ind_dim_unit" AS "t1"
            ) AS "t11"
              ON "t41"."unit" = "t11"."u_unit"
          ) AS "t44"
        ) AS "t48"
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
        ) AS "t19"
          ON "t48"."s_region" = "t19"."region"
      ) AS "t50"
      GROUP BY
        1,
        2,
        3,
        4,
        5
    ) AS "t53"
  ) AS "t56"
    ON "t58"."view" = "t56"."view__j"
    AND "t58"."level" = "t56"."level__j"
    AND "t58"."region" = "t56"."region__j"
    AND "t58"."year" = "t56"."year__j"
    AND "t58"."end_month" = "t56"."end_month__j"
) AS "t59"
