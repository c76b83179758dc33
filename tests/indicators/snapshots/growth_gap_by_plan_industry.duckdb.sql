SELECT
  "t34"."view",
  "t34"."level",
  "t34"."region",
  "t34"."plan_industry",
  "t34"."year",
  "t34"."end_month",
  (
    (
      (
        "t34"."sei_va_comparable" / NULLIF("t34"."sei_va_prior_comparable", 0)
      ) - 1.0
    ) * 100.0
  ) - "t34"."above_scale_va_real_growth__b" AS "sei_growth_gap",
  (
    (
      "t34"."sei_va_comparable" - "t34"."sei_va_prior_comparable"
    ) / NULLIF("t34"."above_scale_va_increment__b", 0)
  ) * 100.0 AS "sei_contribution_rate",
  (
    (
      "t34"."sei_va_comparable" - "t34"."sei_va_prior_comparable"
    ) / NULLIF("t34"."above_scale_va_prior_comparable__b", 0)
  ) * 100.0 AS "sei_pull"
FROM (
  SELECT
    "t33"."view",
    "t33"."level",
    "t33"."region",
    "t33"."plan_industry",
    "t33"."year",
    "t33"."end_month",
    "t33"."sei_va_comparable",
    "t33"."sei_va_prior_comparable",
    "t31"."above_scale_va_real_growth__b",
    "t31"."above_scale_va_increment__b",
    "t31"."above_scale_va_prior_comparable__b"
  FROM (
    SELECT
      "t29"."view",
      "t29"."level",
      "t29"."region",
      "t29"."plan_industry",
      "t29"."year",
      "t29"."end_month",
      SUM("t29"."sei_va_comparable") AS "sei_va_comparable",
      SUM("t29"."sei_va_prior_comparable") AS "sei_va_prior_comparable"
    FROM (
      SELECT
        "t28"."code",
        "t28"."plan_industry",
        "t28"."year",
        "t28"."end_month",
        "t28"."sei_va_comparable",
        "t28"."sei_va_prior_comparable",
        "t10"."view",
        "t10"."level",
        "t10"."region",
        "t10"."region_level"
      FROM (
        SELECT
          "t23"."code",
          "t23"."plan_industry",
          "t23"."year",
          "t23"."end_month",
          SUM(
            CASE
              WHEN "t23"."is_sei"
              THEN CASE
                WHEN (
                  "t23"."value_added" IS NOT NULL
                )
                AND (
                  "t23"."value_added_prior" IS NOT NULL
                )
                AND (
                  "t23"."index_value" IS NOT NULL
                )
                THEN "t23"."value_added" / (
                  NULLIF("t23"."index_value", 0) / 100.0
                )
                ELSE NULL
              END
              ELSE NULL
            END
          ) AS "sei_va_comparable",
          SUM(
            CASE
              WHEN "t23"."is_sei"
              THEN CASE
                WHEN (
                  "t23"."value_added" IS NOT NULL
                )
                AND (
                  "t23"."value_added_prior" IS NOT NULL
                )
                AND (
                  "t23"."index_value" IS NOT NULL
                )
                THEN "t23"."value_added_prior"
                ELSE NULL
              END
              ELSE NULL
            END
          ) AS "sei_va_prior_comparable"
        FROM (
          SELECT
            "t21"."credit_code",
            "t21"."year",
            "t21"."end_month",
            "t21"."value_added",
            "t21"."value_added_prior",
            "t21"."revenue",
            "t21"."profit",
            "t21"."rd_expenditure",
            "t21"."employees",
            "t21"."code",
            "t21"."division",
            "t21"."base",
            "t21"."size",
            "t21"."is_sei",
            "t11"."plan_industry",
            "t12"."index_value"
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
              "t18"."code",
              "t18"."division",
              "t18"."base",
              "t18"."size",
              COALESCE("t18"."is_sei", FALSE) AS "is_sei"
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
                "t13"."code",
                "t13"."division",
                "t13"."base",
                "t13"."size",
                "t16"."is_sei"
              FROM (
                SELECT
                  "t3"."credit_code",
                  "t3"."year",
                  "t3"."end_month",
                  "t3"."value_added",
                  "t3"."value_added_prior",
                  "t3"."revenue",
                  "t3"."profit",
                  "t3"."rd_expenditure",
                  "t3"."employees"
                FROM "reports" AS "t3"
                WHERE
                  "t3"."is_current"
                  AND "t3"."start_month" = 1
                  AND (
                    "t3"."year" * 100
                  ) + "t3"."end_month" IN (201912)
              ) AS "t17"
              INNER JOIN (
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
                ON "t17"."credit_code" = "t13"."credit_code"
              LEFT OUTER JOIN (
                SELECT
                  "t7"."sei_code_",
                  TRUE AS "is_sei"
                FROM (
                  SELECT DISTINCT
                    "t1"."credit_code" AS "sei_code_"
                  FROM "enterprise_classifications" AS "t1"
                  WHERE
                    "t1"."status" = 'assigned'
                ) AS "t7"
              ) AS "t16"
                ON "t17"."credit_code" = "t16"."sei_code_"
            ) AS "t18"
          ) AS "t21"
          INNER JOIN (
            SELECT DISTINCT
              "t1"."credit_code" AS "cls_code_",
              "t1"."plan_industry"
            FROM "enterprise_classifications" AS "t1"
            WHERE
              "t1"."status" = 'assigned' AND "t1"."plan_industry" IS NOT NULL
          ) AS "t11"
            ON "t21"."credit_code" = "t11"."cls_code_"
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
            ON "t21"."division" = "t12"."d_div"
            AND "t21"."year" = "t12"."d_year"
            AND "t21"."end_month" = "t12"."d_month"
        ) AS "t23"
        GROUP BY
          1,
          2,
          3,
          4
      ) AS "t28"
      INNER JOIN (
        SELECT
          *
        FROM "ind_dim_region" AS "t0"
        WHERE
          "t0"."view" = 'geographic' AND "t0"."level" = 'city'
      ) AS "t10"
        ON "t28"."code" = "t10"."code"
    ) AS "t29"
    GROUP BY
      1,
      2,
      3,
      4,
      5,
      6
  ) AS "t33"
  LEFT OUTER JOIN (
    SELECT
      "t26"."view" AS "view__j",
      "t26"."level" AS "level__j",
      "t26"."region" AS "region__j",
      "t26"."year" AS "year__j",
      "t26"."end_month" AS "end_month__j",
      (
        (
          "t26"."above_scale_va_comparable" / NULLIF("t26"."above_scale_va_prior_comparable", 0)
        ) - 1.0
      ) * 100.0 AS "above_scale_va_real_growth__b",
      "t26"."above_scale_va_comparable" - "t26"."above_scale_va_prior_comparable" AS "above_scale_va_increment__b",
      "t26"."above_scale_va_prior_comparable" AS "above_scale_va_prior_comparable__b"
    FROM (
      SELECT
        "t25"."view",
        "t25"."level",
        "t25"."region",
        "t25"."year",
        "t25"."end_month",
        SUM("t25"."above_scale_va_comparable") AS "above_scale_va_comparable",
        SUM("t25"."above_scale_va_prior_comparable") AS "above_scale_va_prior_comparable"
      FROM (
        SELECT
          "t24"."code",
          "t24"."year",
          "t24"."end_month",
          "t24"."above_scale_va_comparable",
          "t24"."above_scale_va_prior_comparable",
          "t10"."view",
          "t10"."level",
          "t10"."region",
          "t10"."region_level"
        FROM (
          SELECT
            "t19"."code",
            "t19"."year",
            "t19"."end_month",
            SUM(
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
                THEN "t19"."value_added" / (
                  NULLIF("t19"."index_value", 0) / 100.0
                )
                ELSE NULL
              END
            ) AS "above_scale_va_comparable",
            SUM(
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
              END
            ) AS "above_scale_va_prior_comparable"
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
              "t13"."code",
              "t13"."division",
              "t13"."base",
              "t13"."size",
              "t12"."index_value"
            FROM (
              SELECT
                "t3"."credit_code",
                "t3"."year",
                "t3"."end_month",
                "t3"."value_added",
                "t3"."value_added_prior",
                "t3"."revenue",
                "t3"."profit",
                "t3"."rd_expenditure",
                "t3"."employees"
              FROM "reports" AS "t3"
              WHERE
                "t3"."is_current"
                AND "t3"."start_month" = 1
                AND (
                  "t3"."year" * 100
                ) + "t3"."end_month" IN (201912)
            ) AS "t17"
            INNER JOIN (
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
              ON "t17"."credit_code" = "t13"."credit_code"
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
              ON "t13"."division" = "t12"."d_div"
              AND "t17"."year" = "t12"."d_year"
              AND "t17"."end_month" = "t12"."d_month"
          ) AS "t19"
          GROUP BY
            1,
            2,
            3
        ) AS "t24"
        INNER JOIN (
          SELECT
            *
          FROM "ind_dim_region" AS "t0"
          WHERE
            "t0"."view" = 'geographic' AND "t0"."level" = 'city'
        ) AS "t10"
          ON "t24"."code" = "t10"."code"
      ) AS "t25"
      GROUP BY
        1,
        2,
        3,
        4,
        5
    ) AS "t26"
  ) AS "t31"
    ON "t33"."view" = "t31"."view__j"
    AND "t33"."level" = "t31"."level__j"
    AND "t33"."region" = "t31"."region__j"
    AND "t33"."year" = "t31"."year__j"
    AND "t33"."end_month" = "t31"."end_month__j"
) AS "t34"
