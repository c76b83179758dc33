SELECT
  "t21"."view",
  "t21"."level",
  "t21"."region",
  "t21"."year",
  "t21"."end_month",
  (
    CAST("t21"."sei_va" AS DOUBLE PRECISION) / NULLIF("t21"."above_scale_va", 0)
  ) * 100.0 AS "sei_va_share_above_scale"
FROM (
  SELECT
    "t20"."view",
    "t20"."level",
    "t20"."region",
    "t20"."year",
    "t20"."end_month",
    SUM("t20"."sei_va") AS "sei_va",
    SUM("t20"."above_scale_va") AS "above_scale_va"
  FROM (
    SELECT
      "t19"."code",
      "t19"."year",
      "t19"."end_month",
      "t19"."sei_va",
      "t19"."above_scale_va",
      "t8"."view",
      "t8"."level",
      "t8"."region",
      "t8"."region_level"
    FROM (
      SELECT
        "t17"."code",
        "t17"."year",
        "t17"."end_month",
        SUM(CASE WHEN "t17"."is_sei" THEN "t17"."value_added" ELSE NULL END) AS "sei_va",
        SUM("t17"."value_added") AS "above_scale_va"
      FROM (
        SELECT
          "t16"."credit_code",
          "t16"."code",
          COALESCE("t16"."division", '未填报') AS "division",
          "t16"."base",
          "t16"."size",
          "t16"."is_sei",
          "t16"."sei_set",
          "t16"."year",
          "t16"."end_month",
          "t16"."value_added",
          "t16"."value_added_prior",
          CASE
            WHEN (
              "t16"."value_added" IS NOT NULL
            )
            AND (
              "t16"."value_added_prior" IS NOT NULL
            )
            AND (
              CAST(NULL AS DOUBLE PRECISION) IS NOT NULL
            )
            THEN CAST("t16"."value_added" AS DOUBLE PRECISION) / (
              CAST(NULLIF(CAST(NULL AS DOUBLE PRECISION), 0) AS DOUBLE PRECISION) / 100.0
            )
            ELSE NULL
          END AS "value_added_comparable",
          CASE
            WHEN (
              "t16"."value_added" IS NOT NULL
            )
            AND (
              "t16"."value_added_prior" IS NOT NULL
            )
            AND (
              CAST(NULL AS DOUBLE PRECISION) IS NOT NULL
            )
            THEN "t16"."value_added_prior"
            ELSE NULL
          END AS "value_added_prior_comparable",
          "t16"."revenue",
          "t16"."profit",
          "t16"."rd_expenditure",
          "t16"."employees",
          "t16"."revenue" AS "industry_revenue"
        FROM (
          SELECT
            "t9"."credit_code",
            "t15"."code",
            "t15"."division",
            "t15"."base",
            "t15"."size",
            "t15"."is_sei",
            "t15"."sei_set",
            "t9"."year",
            "t9"."end_month",
            "t9"."value_added",
            "t9"."value_added_prior",
            "t9"."revenue",
            "t9"."profit",
            "t9"."rd_expenditure",
            "t9"."employees"
          FROM (
            SELECT
              *
            FROM "reports" AS "t1"
            WHERE
              "t1"."is_current" AND "t1"."start_month" = 1
          ) AS "t9"
          INNER JOIN (
            SELECT
              "t13"."credit_code",
              "t13"."code",
              "t13"."division",
              "t13"."base",
              "t13"."size",
              COALESCE("t13"."sei_set", 0) AS "sei_set",
              "t13"."sei_set" IS NOT NULL AS "is_sei"
            FROM (
              SELECT
                "t10"."credit_code",
                "t10"."code",
                "t10"."division",
                "t10"."base",
                "t10"."size",
                "t12"."sei_set"
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
              ) AS "t10"
              LEFT OUTER JOIN (
                SELECT
                  "t7"."s_code",
                  1 AS "sei_set"
                FROM (
                  SELECT DISTINCT
                    "t3"."credit_code" AS "s_code"
                  FROM "enterprise_classifications" AS "t3"
                  WHERE
                    "t3"."status" = 'assigned'
                ) AS "t7"
              ) AS "t12"
                ON "t10"."credit_code" = "t12"."s_code"
            ) AS "t13"
          ) AS "t15"
            ON "t9"."credit_code" = "t15"."credit_code"
        ) AS "t16"
      ) AS "t17"
      GROUP BY
        1,
        2,
        3
    ) AS "t19"
    INNER JOIN (
      SELECT
        *
      FROM "ind_dim_region" AS "t0"
      WHERE
        "t0"."view" = 'reporting' AND "t0"."level" = 'city'
    ) AS "t8"
      ON "t19"."code" = "t8"."code"
  ) AS "t20"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t21"
