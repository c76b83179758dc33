SELECT
  "t22"."view",
  "t22"."level",
  "t22"."region",
  "t22"."year",
  "t22"."end_month",
  (
    CAST("t22"."sei_va" AS DOUBLE PRECISION) / NULLIF("t22"."above_scale_va", 0)
  ) * 100.0 AS "sei_va_share_above_scale"
FROM (
  SELECT
    "t21"."view",
    "t21"."level",
    "t21"."region",
    "t21"."year",
    "t21"."end_month",
    SUM("t21"."sei_va") AS "sei_va",
    SUM("t21"."above_scale_va") AS "above_scale_va"
  FROM (
    SELECT
      "t20"."code",
      "t20"."year",
      "t20"."end_month",
      "t20"."sei_va",
      "t20"."above_scale_va",
      "t8"."view",
      "t8"."level",
      "t8"."region",
      "t8"."region_level"
    FROM (
      SELECT
        "t18"."code",
        "t18"."year",
        "t18"."end_month",
        SUM(CASE WHEN "t18"."is_sei" THEN "t18"."value_added" ELSE NULL END) AS "sei_va",
        SUM("t18"."value_added") AS "above_scale_va"
      FROM (
        SELECT
          "t17"."credit_code",
          "t17"."eid",
          "t17"."code",
          COALESCE("t17"."division", '未填报') AS "division",
          "t17"."base",
          "t17"."size",
          "t17"."is_sei",
          "t17"."sei_set",
          "t17"."year",
          "t17"."end_month",
          FALSE AS "has_prev",
          FALSE AS "is_exit",
          "t17"."value_added",
          "t17"."value_added_prior",
          CASE
            WHEN (
              "t17"."value_added" IS NOT NULL
            )
            AND (
              "t17"."value_added_prior" IS NOT NULL
            )
            AND (
              CAST(NULL AS DOUBLE PRECISION) IS NOT NULL
            )
            THEN CAST("t17"."value_added" AS DOUBLE PRECISION) / (
              CAST(NULLIF(CAST(NULL AS DOUBLE PRECISION), 0) AS DOUBLE PRECISION) / 100.0
            )
            ELSE NULL
          END AS "value_added_comparable",
          CASE
            WHEN (
              "t17"."value_added" IS NOT NULL
            )
            AND (
              "t17"."value_added_prior" IS NOT NULL
            )
            AND (
              CAST(NULL AS DOUBLE PRECISION) IS NOT NULL
            )
            THEN "t17"."value_added_prior"
            ELSE NULL
          END AS "value_added_prior_comparable",
          "t17"."revenue",
          "t17"."profit",
          "t17"."rd_expenditure",
          "t17"."employees"
        FROM (
          SELECT
            "t9"."credit_code",
            "t16"."eid",
            "t16"."code",
            "t16"."division",
            "t16"."base",
            "t16"."size",
            "t16"."is_sei",
            "t16"."sei_set",
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
              "t14"."credit_code",
              "t14"."code",
              "t14"."division",
              "t14"."base",
              "t14"."size",
              "t14"."eid",
              COALESCE("t14"."sei_set", 0) AS "sei_set",
              "t14"."sei_set" IS NOT NULL AS "is_sei"
            FROM (
              SELECT
                "t13"."credit_code",
                "t13"."code",
                "t13"."division",
                "t13"."base",
                "t13"."size",
                "t13"."eid",
                "t11"."sei_set"
              FROM (
                SELECT
                  "t6"."credit_code",
                  "t6"."code",
                  "t6"."division",
                  "t6"."base",
                  "t6"."size",
                  ROW_NUMBER() OVER (
                    ORDER BY "t6"."credit_code" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) - 1 AS "eid"
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
                ) AS "t6"
              ) AS "t13"
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
              ) AS "t11"
                ON "t13"."credit_code" = "t11"."s_code"
            ) AS "t14"
          ) AS "t16"
            ON "t9"."credit_code" = "t16"."credit_code"
        ) AS "t17"
      ) AS "t18"
      GROUP BY
        1,
        2,
        3
    ) AS "t20"
    INNER JOIN (
      SELECT
        *
      FROM "ind_dim_region" AS "t0"
      WHERE
        "t0"."view" = 'reporting' AND "t0"."level" = 'city'
    ) AS "t8"
      ON "t20"."code" = "t8"."code"
  ) AS "t21"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t22"
