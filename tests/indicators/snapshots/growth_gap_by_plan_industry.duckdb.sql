WITH "t22" AS (
  SELECT
    "t21"."credit_code",
    "t21"."code",
    COALESCE("t21"."division", '未填报') AS "division",
    "t21"."base",
    "t21"."size",
    "t21"."is_sei",
    "t21"."sei_set",
    "t21"."year",
    "t21"."end_month",
    "t21"."value_added",
    "t21"."value_added_prior",
    CASE
      WHEN (
        "t21"."value_added" IS NOT NULL
      )
      AND (
        "t21"."value_added_prior" IS NOT NULL
      )
      AND (
        "t21"."index_value" IS NOT NULL
      )
      THEN "t21"."value_added" / (
        NULLIF("t21"."index_value", 0) / 100.0
      )
      ELSE NULL
    END AS "value_added_comparable",
    CASE
      WHEN (
        "t21"."value_added" IS NOT NULL
      )
      AND (
        "t21"."value_added_prior" IS NOT NULL
      )
      AND (
        "t21"."index_value" IS NOT NULL
      )
      THEN "t21"."value_added_prior"
      ELSE NULL
    END AS "value_added_prior_comparable",
    "t21"."revenue",
    "t21"."profit",
    "t21"."rd_expenditure",
    "t21"."employees",
    "t21"."revenue" AS "industry_revenue"
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
      "t17"."employees",
      "t12"."index_value"
    FROM (
      SELECT
        *
      FROM "reports" AS "t2"
      WHERE
        "t2"."is_current"
        AND "t2"."start_month" = 1
        AND "t2"."year" IN (2019)
        AND "t2"."end_month" IN (12)
        AND (
          "t2"."year" * 100
        ) + "t2"."end_month" IN (201912)
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
          "t13"."credit_code",
          "t13"."code",
          "t13"."division",
          "t13"."base",
          "t13"."size",
          "t16"."sei_set"
        FROM (
          SELECT
            "t4"."credit_code",
            "t4"."region" AS "code",
            SUBSTRING(
              "t4"."industry",
              CASE WHEN (
                0 + 1
              ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t4"."industry") END,
              2
            ) AS "division",
            COALESCE("t4"."base", '未填报') AS "base",
            COALESCE("t4"."size", '未填报') AS "size"
          FROM "enterprises" AS "t4"
          WHERE
            "t4"."is_current"
        ) AS "t13"
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
        ) AS "t16"
          ON "t13"."credit_code" = "t16"."s_code"
      ) AS "t18"
    ) AS "t20"
      ON "t17"."credit_code" = "t20"."credit_code"
    LEFT OUTER JOIN (
      SELECT
        "t3"."division" AS "d_div",
        "t3"."year" AS "d_year",
        "t3"."end_month" AS "d_month",
        "t3"."index_value"
      FROM "deflators" AS "t3"
      WHERE
        "t3"."is_current" AND "t3"."start_month" = 1
    ) AS "t12"
      ON "t20"."division" = "t12"."d_div"
      AND "t17"."year" = "t12"."d_year"
      AND "t17"."end_month" = "t12"."d_month"
  ) AS "t21"
)
SELECT
  "t37"."view",
  "t37"."level",
  "t37"."region",
  "t37"."plan_industry",
  "t37"."year",
  "t37"."end_month",
  (
    (
      (
        "t37"."sei_va_comparable" / NULLIF("t37"."sei_va_prior_comparable", 0)
      ) - 1.0
    ) * 100.0
  ) - "t37"."above_scale_va_real_growth__b" AS "sei_growth_gap",
  (
    (
      "t37"."sei_va_comparable" - "t37"."sei_va_prior_comparable"
    ) / NULLIF("t37"."above_scale_va_increment__b", 0)
  ) * 100.0 AS "sei_contribution_rate",
  (
    (
      "t37"."sei_va_comparable" - "t37"."sei_va_prior_comparable"
    ) / NULLIF("t37"."above_scale_va_prior_comparable__b", 0)
  ) * 100.0 AS "sei_pull"
FROM (
  SELECT
    "t35"."view",
    "t35"."level",
    "t35"."region",
    "t35"."plan_industry",
    "t35"."year",
    "t35"."end_month",
    "t35"."sei_va_comparable",
    "t35"."sei_va_prior_comparable",
    "t36"."above_scale_va_real_growth__b",
    "t36"."above_scale_va_increment__b",
    "t36"."above_scale_va_prior_comparable__b"
  FROM (
    SELECT
      "t32"."view",
      "t32"."level",
      "t32"."region",
      "t32"."plan_industry",
      "t32"."year",
      "t32"."end_month",
      SUM("t32"."sei_va_comparable") AS "sei_va_comparable",
      SUM("t32"."sei_va_prior_comparable") AS "sei_va_prior_comparable"
    FROM (
      SELECT
        "t30"."code",
        "t30"."plan_industry",
        "t30"."year",
        "t30"."end_month",
        "t30"."sei_va_comparable",
        "t30"."sei_va_prior_comparable",
        "t10"."view",
        "t10"."level",
        "t10"."region",
        "t10"."region_level"
      FROM (
        SELECT
          "t27"."code",
          "t27"."plan_industry",
          "t27"."year",
          "t27"."end_month",
          SUM(CASE WHEN "t27"."is_sei" THEN "t27"."value_added_comparable" ELSE NULL END) AS "sei_va_comparable",
          SUM(CASE WHEN "t27"."is_sei" THEN "t27"."value_added_prior_comparable" ELSE NULL END) AS "sei_va_prior_comparable"
        FROM (
          SELECT
            "t24"."credit_code",
            "t24"."code",
            "t24"."division",
            "t24"."base",
            "t24"."size",
            "t24"."is_sei",
            "t24"."sei_set",
            "t24"."year",
            "t24"."end_month",
            "t24"."value_added",
            "t24"."value_added_prior",
            "t24"."value_added_comparable",
            "t24"."value_added_prior_comparable",
            "t24"."revenue",
            "t24"."profit",
            "t24"."rd_expenditure",
            "t24"."employees",
            "t24"."industry_revenue",
            "t11"."plan_industry"
          FROM "t22" AS "t24"
          INNER JOIN (
            SELECT DISTINCT
              "t1"."credit_code" AS "cls_code_",
              "t1"."plan_industry"
            FROM "enterprise_classifications" AS "t1"
            WHERE
              "t1"."status" = 'assigned' AND "t1"."plan_industry" IS NOT NULL
          ) AS "t11"
            ON "t24"."credit_code" = "t11"."cls_code_"
        ) AS "t27"
        GROUP BY
          1,
          2,
          3,
          4
      ) AS "t30"
      INNER JOIN (
        SELECT
          *
        FROM "ind_dim_region" AS "t0"
        WHERE
          "t0"."view" = 'geographic' AND "t0"."level" = 'city'
      ) AS "t10"
        ON "t30"."code" = "t10"."code"
    ) AS "t32"
    GROUP BY
      1,
      2,
      3,
      4,
      5,
      6
  ) AS "t35"
  LEFT OUTER JOIN (
    SELECT
      "t31"."view" AS "view__j",
      "t31"."level" AS "level__j",
      "t31"."region" AS "region__j",
      "t31"."year" AS "year__j",
      "t31"."end_month" AS "end_month__j",
      (
        (
          "t31"."above_scale_va_comparable" / NULLIF("t31"."above_scale_va_prior_comparable", 0)
        ) - 1.0
      ) * 100.0 AS "above_scale_va_real_growth__b",
      "t31"."above_scale_va_comparable" - "t31"."above_scale_va_prior_comparable" AS "above_scale_va_increment__b",
      "t31"."above_scale_va_prior_comparable" AS "above_scale_va_prior_comparable__b"
    FROM (
      SELECT
        "t28"."view",
        "t28"."level",
        "t28"."region",
        "t28"."year",
        "t28"."end_month",
        SUM("t28"."above_scale_va_comparable") AS "above_scale_va_comparable",
        SUM("t28"."above_scale_va_prior_comparable") AS "above_scale_va_prior_comparable"
      FROM (
        SELECT
          "t26"."code",
          "t26"."year",
          "t26"."end_month",
          "t26"."above_scale_va_comparable",
          "t26"."above_scale_va_prior_comparable",
          "t10"."view",
          "t10"."level",
          "t10"."region",
          "t10"."region_level"
        FROM (
          SELECT
            "t23"."code",
            "t23"."year",
            "t23"."end_month",
            SUM("t23"."value_added_comparable") AS "above_scale_va_comparable",
            SUM("t23"."value_added_prior_comparable") AS "above_scale_va_prior_comparable"
          FROM "t22" AS "t23"
          GROUP BY
            1,
            2,
            3
        ) AS "t26"
        INNER JOIN (
          SELECT
            *
          FROM "ind_dim_region" AS "t0"
          WHERE
            "t0"."view" = 'geographic' AND "t0"."level" = 'city'
        ) AS "t10"
          ON "t26"."code" = "t10"."code"
      ) AS "t28"
      GROUP BY
        1,
        2,
        3,
        4,
        5
    ) AS "t31"
  ) AS "t36"
    ON "t35"."view" = "t36"."view__j"
    AND "t35"."level" = "t36"."level__j"
    AND "t35"."region" = "t36"."region__j"
    AND "t35"."year" = "t36"."year__j"
    AND "t35"."end_month" = "t36"."end_month__j"
) AS "t37"
