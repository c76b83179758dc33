WITH "t26" AS (
  SELECT
    "t25"."credit_code",
    "t25"."eid",
    "t25"."code",
    COALESCE("t25"."division", '未填报') AS "division",
    "t25"."base",
    "t25"."size",
    "t25"."is_sei",
    "t25"."sei_set",
    "t25"."year",
    "t25"."end_month",
    "t25"."has_prev",
    "t25"."is_exit",
    "t25"."value_added",
    "t25"."value_added_prior",
    CASE
      WHEN (
        "t25"."value_added" IS NOT NULL
      )
      AND (
        "t25"."value_added_prior" IS NOT NULL
      )
      AND (
        "t25"."index_value" IS NOT NULL
      )
      THEN "t25"."value_added" / (
        NULLIF("t25"."index_value", 0) / 100.0
      )
      ELSE NULL
    END AS "value_added_comparable",
    CASE
      WHEN (
        "t25"."value_added" IS NOT NULL
      )
      AND (
        "t25"."value_added_prior" IS NOT NULL
      )
      AND (
        "t25"."index_value" IS NOT NULL
      )
      THEN "t25"."value_added_prior"
      ELSE NULL
    END AS "value_added_prior_comparable",
    "t25"."revenue",
    "t25"."profit",
    "t25"."rd_expenditure",
    "t25"."employees"
  FROM (
    SELECT
      "t24"."credit_code",
      "t24"."eid",
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
      "t24"."revenue",
      "t24"."profit",
      "t24"."rd_expenditure",
      "t24"."employees",
      "t24"."has_prev",
      "t24"."is_exit",
      "t12"."index_value"
    FROM (
      SELECT
        "t22"."credit_code",
        "t22"."eid",
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
        FALSE AS "has_prev",
        FALSE AS "is_exit"
      FROM (
        SELECT
          "t16"."credit_code",
          "t21"."eid",
          "t21"."code",
          "t21"."division",
          "t21"."base",
          "t21"."size",
          "t21"."is_sei",
          "t21"."sei_set",
          "t16"."year",
          "t16"."end_month",
          "t16"."value_added",
          "t16"."value_added_prior",
          "t16"."revenue",
          "t16"."profit",
          "t16"."rd_expenditure",
          "t16"."employees"
        FROM (
          SELECT
            *
          FROM "reports" AS "t3"
          WHERE
            "t3"."is_current"
            AND "t3"."start_month" = 1
            AND "t3"."year" IN (2018, 2019)
            AND "t3"."end_month" IN (12)
            AND (
              "t3"."year" * 100
            ) + "t3"."end_month" IN (201812, 201912)
        ) AS "t16"
        INNER JOIN (
          SELECT
            "t19"."credit_code",
            "t19"."code",
            "t19"."division",
            "t19"."base",
            "t19"."size",
            "t19"."eid",
            COALESCE("t19"."sei_set", 0) AS "sei_set",
            "t19"."sei_set" IS NOT NULL AS "is_sei"
          FROM (
            SELECT
              "t18"."credit_code",
              "t18"."code",
              "t18"."division",
              "t18"."base",
              "t18"."size",
              "t18"."eid",
              "t15"."sei_set"
            FROM (
              SELECT
                "t9"."credit_code",
                "t9"."code",
                "t9"."division",
                "t9"."base",
                "t9"."size",
                ROW_NUMBER() OVER (
                  ORDER BY "t9"."credit_code" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) - 1 AS "eid"
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
              ) AS "t9"
            ) AS "t18"
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
              ON "t18"."credit_code" = "t15"."s_code"
          ) AS "t19"
        ) AS "t21"
          ON "t16"."credit_code" = "t21"."credit_code"
      ) AS "t22"
      WHERE
        "t22"."year" IN (2019)
        AND "t22"."end_month" IN (12)
        AND (
          "t22"."year" * 100
        ) + "t22"."end_month" IN (201912)
    ) AS "t24"
    LEFT OUTER JOIN (
      SELECT
        "t2"."division" AS "d_div",
        "t2"."year" AS "d_year",
        "t2"."end_month" AS "d_month",
        "t2"."index_value"
      FROM "deflators" AS "t2"
      WHERE
        "t2"."is_current" AND "t2"."start_month" = 1
    ) AS "t12"
      ON "t24"."division" = "t12"."d_div"
      AND "t24"."year" = "t12"."d_year"
      AND "t24"."end_month" = "t12"."d_month"
  ) AS "t25"
)
SELECT
  "t41"."view",
  "t41"."level",
  "t41"."region",
  "t41"."plan_industry",
  "t41"."year",
  "t41"."end_month",
  (
    (
      (
        "t41"."sei_va_comparable" / NULLIF("t41"."sei_va_prior_comparable", 0)
      ) - 1.0
    ) * 100.0
  ) - "t41"."above_scale_va_real_growth__b" AS "sei_growth_gap",
  (
    (
      "t41"."sei_va_comparable" - "t41"."sei_va_prior_comparable"
    ) / NULLIF("t41"."above_scale_va_increment__b", 0)
  ) * 100.0 AS "sei_contribution_rate",
  (
    (
      "t41"."sei_va_comparable" - "t41"."sei_va_prior_comparable"
    ) / NULLIF("t41"."above_scale_va_prior_comparable__b", 0)
  ) * 100.0 AS "sei_pull"
FROM (
  SELECT
    "t39"."view",
    "t39"."level",
    "t39"."region",
    "t39"."plan_industry",
    "t39"."year",
    "t39"."end_month",
    "t39"."sei_va_comparable",
    "t39"."sei_va_prior_comparable",
    "t40"."above_scale_va_real_growth__b",
    "t40"."above_scale_va_increment__b",
    "t40"."above_scale_va_prior_comparable__b"
  FROM (
    SELECT
      "t36"."view",
      "t36"."level",
      "t36"."region",
      "t36"."plan_industry",
      "t36"."year",
      "t36"."end_month",
      SUM("t36"."sei_va_comparable") AS "sei_va_comparable",
      SUM("t36"."sei_va_prior_comparable") AS "sei_va_prior_comparable"
    FROM (
      SELECT
        "t34"."code",
        "t34"."plan_industry",
        "t34"."year",
        "t34"."end_month",
        "t34"."sei_va_comparable",
        "t34"."sei_va_prior_comparable",
        "t10"."view",
        "t10"."level",
        "t10"."region",
        "t10"."region_level"
      FROM (
        SELECT
          "t31"."code",
          "t31"."plan_industry",
          "t31"."year",
          "t31"."end_month",
          SUM(CASE WHEN "t31"."is_sei" THEN "t31"."value_added_comparable" ELSE NULL END) AS "sei_va_comparable",
          SUM(CASE WHEN "t31"."is_sei" THEN "t31"."value_added_prior_comparable" ELSE NULL END) AS "sei_va_prior_comparable"
        FROM (
          SELECT
            "t28"."credit_code",
            "t28"."eid",
            "t28"."code",
            "t28"."division",
            "t28"."base",
            "t28"."size",
            "t28"."is_sei",
            "t28"."sei_set",
            "t28"."year",
            "t28"."end_month",
            "t28"."has_prev",
            "t28"."is_exit",
            "t28"."value_added",
            "t28"."value_added_prior",
            "t28"."value_added_comparable",
            "t28"."value_added_prior_comparable",
            "t28"."revenue",
            "t28"."profit",
            "t28"."rd_expenditure",
            "t28"."employees",
            "t11"."plan_industry"
          FROM "t26" AS "t28"
          INNER JOIN (
            SELECT DISTINCT
              "t1"."credit_code" AS "cls_code_",
              "t1"."plan_industry"
            FROM "enterprise_classifications" AS "t1"
            WHERE
              "t1"."status" = 'assigned' AND "t1"."plan_industry" IS NOT NULL
          ) AS "t11"
            ON "t28"."credit_code" = "t11"."cls_code_"
        ) AS "t31"
        GROUP BY
          1,
          2,
          3,
          4
      ) AS "t34"
      INNER JOIN (
        SELECT
          *
        FROM "ind_dim_region" AS "t0"
        WHERE
          "t0"."view" = 'geographic' AND "t0"."level" = 'city'
      ) AS "t10"
        ON "t34"."code" = "t10"."code"
    ) AS "t36"
    GROUP BY
      1,
      2,
      3,
      4,
      5,
      6
  ) AS "t39"
  LEFT OUTER JOIN (
    SELECT
      "t35"."view" AS "view__j",
      "t35"."level" AS "level__j",
      "t35"."region" AS "region__j",
      "t35"."year" AS "year__j",
      "t35"."end_month" AS "end_month__j",
      (
        (
          "t35"."above_scale_va_comparable" / NULLIF("t35"."above_scale_va_prior_comparable", 0)
        ) - 1.0
      ) * 100.0 AS "above_scale_va_real_growth__b",
      "t35"."above_scale_va_comparable" - "t35"."above_scale_va_prior_comparable" AS "above_scale_va_increment__b",
      "t35"."above_scale_va_prior_comparable" AS "above_scale_va_prior_comparable__b"
    FROM (
      SELECT
        "t32"."view",
        "t32"."level",
        "t32"."region",
        "t32"."year",
        "t32"."end_month",
        SUM("t32"."above_scale_va_comparable") AS "above_scale_va_comparable",
        SUM("t32"."above_scale_va_prior_comparable") AS "above_scale_va_prior_comparable"
      FROM (
        SELECT
          "t30"."code",
          "t30"."year",
          "t30"."end_month",
          "t30"."above_scale_va_comparable",
          "t30"."above_scale_va_prior_comparable",
          "t10"."view",
          "t10"."level",
          "t10"."region",
          "t10"."region_level"
        FROM (
          SELECT
            "t27"."code",
            "t27"."year",
            "t27"."end_month",
            SUM("t27"."value_added_comparable") AS "above_scale_va_comparable",
            SUM("t27"."value_added_prior_comparable") AS "above_scale_va_prior_comparable"
          FROM "t26" AS "t27"
          GROUP BY
            1,
            2,
            3
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
        5
    ) AS "t35"
  ) AS "t40"
    ON "t39"."view" = "t40"."view__j"
    AND "t39"."level" = "t40"."level__j"
    AND "t39"."region" = "t40"."region__j"
    AND "t39"."year" = "t40"."year__j"
    AND "t39"."end_month" = "t40"."end_month__j"
) AS "t41"
