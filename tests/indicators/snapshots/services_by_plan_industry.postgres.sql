SELECT
  "t31"."view",
  "t31"."level",
  "t31"."region",
  "t31"."plan_industry",
  "t31"."year",
  "t31"."end_month",
  "t31"."sei_services_revenue",
  (
    (
      CAST("t31"."sei_services_revenue_same" AS DOUBLE PRECISION) / NULLIF("t31"."sei_services_revenue_prior_same", 0)
    ) - 1.0
  ) * 100.0 AS "sei_services_revenue_growth",
  "t31"."sei_revenue"
FROM (
  SELECT
    "t30"."view",
    "t30"."level",
    "t30"."region",
    "t30"."plan_industry",
    "t30"."year",
    "t30"."end_month",
    SUM("t30"."sei_services_revenue") AS "sei_services_revenue",
    SUM("t30"."sei_services_revenue_same") AS "sei_services_revenue_same",
    SUM("t30"."sei_services_revenue_prior_same") AS "sei_services_revenue_prior_same",
    SUM("t30"."sei_revenue") AS "sei_revenue"
  FROM (
    SELECT
      "t29"."code",
      "t29"."plan_industry",
      "t29"."year",
      "t29"."end_month",
      "t29"."sei_services_revenue",
      "t29"."sei_services_revenue_same",
      "t29"."sei_services_revenue_prior_same",
      "t29"."sei_revenue",
      "t9"."view",
      "t9"."level",
      "t9"."region",
      "t9"."region_level"
    FROM (
      SELECT
        "t27"."code",
        "t27"."plan_industry",
        "t27"."year",
        "t27"."end_month",
        SUM(CASE WHEN "t27"."is_sei" THEN "t27"."services_revenue" ELSE NULL END) AS "sei_services_revenue",
        SUM(CASE WHEN "t27"."is_sei" THEN "t27"."services_revenue_same" ELSE NULL END) AS "sei_services_revenue_same",
        SUM(CASE WHEN "t27"."is_sei" THEN "t27"."services_revenue_prior_same" ELSE NULL END) AS "sei_services_revenue_prior_same",
        SUM(CASE WHEN "t27"."is_sei" THEN "t27"."revenue" ELSE NULL END) AS "sei_revenue"
      FROM (
        SELECT
          "t26"."credit_code",
          "t26"."code",
          "t26"."division",
          "t26"."base",
          "t26"."size",
          "t26"."is_sei",
          "t26"."sei_set",
          "t26"."year",
          "t26"."end_month",
          "t26"."value_added",
          "t26"."value_added_prior",
          "t26"."value_added_comparable",
          "t26"."value_added_prior_comparable",
          "t26"."revenue",
          "t26"."profit",
          "t26"."rd_expenditure",
          "t26"."employees",
          "t26"."industry_revenue",
          "t26"."services_revenue",
          "t26"."services_revenue_same",
          "t26"."services_revenue_prior_same",
          "t26"."services_value_added",
          "t26"."value_added_total",
          "t10"."plan_industry"
        FROM (
          SELECT
            "t24"."credit_code",
            "t24"."code",
            COALESCE("t24"."division", '未填报') AS "division",
            "t24"."base",
            "t24"."size",
            "t24"."is_sei",
            "t24"."sei_set",
            "t24"."year",
            "t24"."end_month",
            "t24"."value_added",
            "t24"."value_added_prior",
            CASE
              WHEN (
                "t24"."value_added" IS NOT NULL
              )
              AND (
                "t24"."value_added_prior" IS NOT NULL
              )
              AND (
                CAST(NULL AS DOUBLE PRECISION) IS NOT NULL
              )
              THEN CAST("t24"."value_added" AS DOUBLE PRECISION) / (
                CAST(NULLIF(CAST(NULL AS DOUBLE PRECISION), 0) AS DOUBLE PRECISION) / 100.0
              )
              ELSE NULL
            END AS "value_added_comparable",
            CASE
              WHEN (
                "t24"."value_added" IS NOT NULL
              )
              AND (
                "t24"."value_added_prior" IS NOT NULL
              )
              AND (
                CAST(NULL AS DOUBLE PRECISION) IS NOT NULL
              )
              THEN "t24"."value_added_prior"
              ELSE NULL
            END AS "value_added_prior_comparable",
            "t24"."revenue",
            "t24"."profit",
            "t24"."rd_expenditure",
            "t24"."employees",
            CASE WHEN NOT (
              "t24"."is_services"
            ) THEN "t24"."revenue" ELSE NULL END AS "industry_revenue",
            CASE WHEN "t24"."is_services" THEN "t24"."revenue" ELSE NULL END AS "services_revenue",
            CASE
              WHEN "t24"."is_services"
              AND (
                "t24"."revenue" IS NOT NULL
              )
              AND (
                "t24"."services_revenue_prior" IS NOT NULL
              )
              THEN "t24"."revenue"
              ELSE NULL
            END AS "services_revenue_same",
            CASE
              WHEN "t24"."is_services"
              AND (
                "t24"."revenue" IS NOT NULL
              )
              AND (
                "t24"."services_revenue_prior" IS NOT NULL
              )
              THEN "t24"."services_revenue_prior"
              ELSE NULL
            END AS "services_revenue_prior_same",
            "t24"."services_value_added",
            CASE
              WHEN "t24"."is_services"
              THEN "t24"."services_value_added"
              ELSE "t24"."value_added"
            END AS "value_added_total"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t22"."credit_code",
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
                CAST(NULL AS DOUBLE PRECISION) AS "services_revenue_prior",
                CAST(NULL AS DOUBLE PRECISION) AS "services_value_added",
                FALSE AS "is_services"
              FROM (
                SELECT
                  "t17"."credit_code",
                  "t20"."code",
                  "t20"."division",
                  "t20"."base",
                  "t20"."size",
                  "t20"."is_sei",
                  "t20"."sei_set",
                  "t17"."year",
                  "t17"."end_month",
                  "t17"."value_added",
                  "t17"."value_added_prior",
                  "t17"."revenue",
                  "t17"."profit",
                  "t17"."rd_expenditure",
                  "t17"."employees"
                FROM (
                  SELECT
                    *
                  FROM "reports" AS "t3"
                  WHERE
                    "t3"."is_current"
                    AND "t3"."start_month" = 1
                    AND "t3"."year" IN (2019)
                    AND "t3"."end_month" IN (12)
                    AND (
                      "t3"."year" * 100
                    ) + "t3"."end_month" IN (201912)
                ) AS "t17"
                INNER JOIN (
                  SELECT
                    "t18"."credit_code",
                    "t18"."code",
                    "t18"."division",
                    "t18"."base",
                    "t18"."size",
                    COALESCE("t18"."sei_set", 0) AS "sei_set",
                    "t18"."sei_set" IS NOT NULL AS "is_sei"
                  FROM (
                    SELECT
                      "t11"."credit_code",
                      "t11"."code",
                      "t11"."division",
                      "t11"."base",
                      "t11"."size",
                      "t15"."sei_set"
                    FROM (
                      SELECT
                        "t4"."credit_code",
                        "t4"."region" AS "code",
                        SUBSTRING("t4"."industry" FROM CASE WHEN (
                          0 + 1
                        ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t4"."industry") END FOR 2) AS "division",
                        COALESCE("t4"."base", '未填报') AS "base",
                        COALESCE("t4"."size", '未填报') AS "size"
                      FROM "enterprises" AS "t4"
                      WHERE
                        "t4"."is_current"
                    ) AS "t11"
                    LEFT OUTER JOIN (
                      SELECT
                        "t7"."s_code",
                        1 AS "sei_set"
                      FROM (
                        SELECT DISTINCT
                          "t1"."credit_code" AS "s_code"
                        FROM "enterprise_classifications" AS "t1"
                        WHERE
                          "t1"."status" = 'assigned'
                      ) AS "t7"
                    ) AS "t15"
                      ON "t11"."credit_code" = "t15"."s_code"
                  ) AS "t18"
                ) AS "t20"
                  ON "t17"."credit_code" = "t20"."credit_code"
              ) AS "t22"
            ) AS "t23"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t16"."credit_code",
                "t20"."code",
                "t20"."division",
                "t20"."base",
                "t20"."size",
                "t20"."is_sei",
                "t20"."sei_set",
                "t16"."year",
                "t16"."end_month",
                CAST(NULL AS DOUBLE PRECISION) AS "value_added",
                CAST(NULL AS DOUBLE PRECISION) AS "value_added_prior",
                "t16"."revenue",
                CAST(NULL AS DOUBLE PRECISION) AS "profit",
                CAST(NULL AS DOUBLE PRECISION) AS "rd_expenditure",
                CAST(NULL AS DOUBLE PRECISION) AS "employees",
                "t16"."revenue_prior" AS "services_revenue_prior",
                "t16"."payroll" + COALESCE("t16"."taxes", 0.0) + COALESCE("t16"."vat", 0.0) + COALESCE("t16"."depreciation", 0.0) + "t16"."operating_profit" AS "services_value_added",
                TRUE AS "is_services"
              FROM (
                SELECT
                  *
                FROM "service_reports" AS "t2"
                WHERE
                  "t2"."is_current"
                  AND "t2"."start_month" = 1
                  AND "t2"."year" IN (2019)
                  AND "t2"."end_month" IN (12)
                  AND (
                    "t2"."year" * 100
                  ) + "t2"."end_month" IN (201912)
              ) AS "t16"
              INNER JOIN (
                SELECT
                  "t18"."credit_code",
                  "t18"."code",
                  "t18"."division",
                  "t18"."base",
                  "t18"."size",
                  COALESCE("t18"."sei_set", 0) AS "sei_set",
                  "t18"."sei_set" IS NOT NULL AS "is_sei"
                FROM (
                  SELECT
                    "t11"."credit_code",
                    "t11"."code",
                    "t11"."division",
                    "t11"."base",
                    "t11"."size",
                    "t15"."sei_set"
                  FROM (
                    SELECT
                      "t4"."credit_code",
                      "t4"."region" AS "code",
                      SUBSTRING("t4"."industry" FROM CASE WHEN (
                        0 + 1
                      ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t4"."industry") END FOR 2) AS "division",
                      COALESCE("t4"."base", '未填报') AS "base",
                      COALESCE("t4"."size", '未填报') AS "size"
                    FROM "enterprises" AS "t4"
                    WHERE
                      "t4"."is_current"
                  ) AS "t11"
                  LEFT OUTER JOIN (
                    SELECT
                      "t7"."s_code",
                      1 AS "sei_set"
                    FROM (
                      SELECT DISTINCT
                        "t1"."credit_code" AS "s_code"
                      FROM "enterprise_classifications" AS "t1"
                      WHERE
                        "t1"."status" = 'assigned'
                    ) AS "t7"
                  ) AS "t15"
                    ON "t11"."credit_code" = "t15"."s_code"
                ) AS "t18"
              ) AS "t20"
                ON "t16"."credit_code" = "t20"."credit_code"
            ) AS "t21"
          ) AS "t24"
        ) AS "t26"
        INNER JOIN (
          SELECT DISTINCT
            "t1"."credit_code" AS "cls_code_",
            "t1"."plan_industry"
          FROM "enterprise_classifications" AS "t1"
          WHERE
            "t1"."status" = 'assigned' AND "t1"."plan_industry" IS NOT NULL
        ) AS "t10"
          ON "t26"."credit_code" = "t10"."cls_code_"
      ) AS "t27"
      GROUP BY
        1,
        2,
        3,
        4
    ) AS "t29"
    INNER JOIN (
      SELECT
        *
      FROM "ind_dim_region" AS "t0"
      WHERE
        "t0"."view" = 'reporting' AND "t0"."level" = 'city'
    ) AS "t9"
      ON "t29"."code" = "t9"."code"
  ) AS "t30"
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS "t31"
