WITH "t32" AS (
  SELECT
    "t31"."code",
    "t31"."year",
    "t31"."end_month",
    COUNT(DISTINCT CASE WHEN "t31"."is_sei" THEN "t31"."credit_code" ELSE NULL END) AS "sei_exits"
  FROM (
    SELECT
      "t29"."credit_code",
      "t29"."year",
      "t29"."end_month",
      "t29"."code",
      "t29"."division",
      "t29"."base",
      "t29"."size",
      COALESCE("t29"."is_sei", FALSE) AS "is_sei"
    FROM (
      SELECT
        "t27"."credit_code",
        "t27"."year",
        "t27"."end_month",
        "t11"."code",
        "t11"."division",
        "t11"."base",
        "t11"."size",
        "t21"."is_sei"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t15"."credit_code",
            "t15"."year",
            "t15"."end_month"
          FROM (
            SELECT DISTINCT
              "t2"."credit_code",
              CAST("t2"."year" + 1 AS INT) AS "year",
              "t2"."end_month"
            FROM "reports" AS "t2"
            WHERE
              "t2"."is_current" AND "t2"."start_month" = 1
          ) AS "t15"
          ANTI JOIN (
            SELECT DISTINCT
              "t2"."credit_code" AS "n_code",
              "t2"."year" AS "n_year",
              "t2"."end_month" AS "n_month"
            FROM "reports" AS "t2"
            WHERE
              "t2"."is_current" AND "t2"."start_month" = 1
          ) AS "t13"
            ON "t15"."credit_code" = "t13"."n_code"
            AND "t15"."year" = "t13"."n_year"
            AND "t15"."end_month" = "t13"."n_month"
          SEMI JOIN (
            SELECT DISTINCT
              "t2"."year" AS "q_year",
              "t2"."end_month" AS "q_month"
            FROM "reports" AS "t2"
            WHERE
              "t2"."is_current" AND "t2"."start_month" = 1
          ) AS "t14"
            ON "t15"."year" = "t14"."q_year" AND "t15"."end_month" = "t14"."q_month"
        ) AS "t22"
        WHERE
          (
            "t22"."year" * 100
          ) + "t22"."end_month" IN (201909)
      ) AS "t27"
      INNER JOIN (
        SELECT
          "t1"."credit_code",
          "t1"."region" AS "code",
          SUBSTRING(
            "t1"."industry",
            CASE WHEN (
              0 + 1
            ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t1"."industry") END,
            2
          ) AS "division",
          COALESCE("t1"."base", '未填报') AS "base",
          COALESCE("t1"."size", '未填报') AS "size"
        FROM "enterprises" AS "t1"
        WHERE
          "t1"."is_current"
      ) AS "t11"
        ON "t27"."credit_code" = "t11"."credit_code"
      LEFT OUTER JOIN (
        SELECT
          "t9"."sei_code_",
          TRUE AS "is_sei"
        FROM (
          SELECT DISTINCT
            "t3"."credit_code" AS "sei_code_"
          FROM "enterprise_classifications" AS "t3"
          WHERE
            "t3"."status" = 'assigned'
        ) AS "t9"
      ) AS "t21"
        ON "t27"."credit_code" = "t21"."sei_code_"
    ) AS "t29"
  ) AS "t31"
  GROUP BY
    1,
    2,
    3
), "t34" AS (
  SELECT
    "t30"."code",
    "t30"."year",
    "t30"."end_month",
    COUNT(DISTINCT CASE WHEN "t30"."is_sei" THEN "t30"."credit_code" ELSE NULL END) AS "sei_enterprises",
    COUNT(
      DISTINCT CASE
        WHEN "t30"."is_sei" AND NOT (
          "t30"."has_prev"
        )
        THEN "t30"."credit_code"
        ELSE NULL
      END
    ) AS "sei_entries"
  FROM (
    SELECT
      "t28"."credit_code",
      "t28"."year",
      "t28"."end_month",
      "t28"."value_added",
      "t28"."value_added_prior",
      "t28"."revenue",
      "t28"."profit",
      "t28"."rd_expenditure",
      "t28"."employees",
      "t28"."code",
      "t28"."division",
      "t28"."base",
      "t28"."size",
      "t28"."is_sei",
      "t28"."index_value",
      COALESCE("t28"."has_prev", FALSE) AS "has_prev"
    FROM (
      SELECT
        "t26"."credit_code",
        "t26"."year",
        "t26"."end_month",
        "t26"."value_added",
        "t26"."value_added_prior",
        "t26"."revenue",
        "t26"."profit",
        "t26"."rd_expenditure",
        "t26"."employees",
        "t26"."code",
        "t26"."division",
        "t26"."base",
        "t26"."size",
        "t26"."is_sei",
        "t26"."index_value",
        "t20"."has_prev"
      FROM (
        SELECT
          "t23"."credit_code",
          "t23"."year",
          "t23"."end_month",
          "t23"."value_added",
          "t23"."value_added_prior",
          "t23"."revenue",
          "t23"."profit",
          "t23"."rd_expenditure",
          "t23"."employees",
          "t23"."code",
          "t23"."division",
          "t23"."base",
          "t23"."size",
          COALESCE("t23"."is_sei", FALSE) AS "is_sei",
          CAST(NULL AS DOUBLE) AS "index_value"
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
            "t19"."employees",
            "t11"."code",
            "t11"."division",
            "t11"."base",
            "t11"."size",
            "t21"."is_sei"
          FROM (
            SELECT
              "t2"."credit_code",
              "t2"."year",
              "t2"."end_month",
              "t2"."value_added",
              "t2"."value_added_prior",
              "t2"."revenue",
              "t2"."profit",
              "t2"."rd_expenditure",
              "t2"."employees"
            FROM "reports" AS "t2"
            WHERE
              "t2"."is_current"
              AND "t2"."start_month" = 1
              AND (
                "t2"."year" * 100
              ) + "t2"."end_month" IN (201909)
          ) AS "t19"
          INNER JOIN (
            SELECT
              "t1"."credit_code",
              "t1"."region" AS "code",
              SUBSTRING(
                "t1"."industry",
                CASE WHEN (
                  0 + 1
                ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t1"."industry") END,
                2
              ) AS "division",
              COALESCE("t1"."base", '未填报') AS "base",
              COALESCE("t1"."size", '未填报') AS "size"
            FROM "enterprises" AS "t1"
            WHERE
              "t1"."is_current"
          ) AS "t11"
            ON "t19"."credit_code" = "t11"."credit_code"
          LEFT OUTER JOIN (
            SELECT
              "t9"."sei_code_",
              TRUE AS "is_sei"
            FROM (
              SELECT DISTINCT
                "t3"."credit_code" AS "sei_code_"
              FROM "enterprise_classifications" AS "t3"
              WHERE
                "t3"."status" = 'assigned'
            ) AS "t9"
          ) AS "t21"
            ON "t19"."credit_code" = "t21"."sei_code_"
        ) AS "t23"
      ) AS "t26"
      LEFT OUTER JOIN (
        SELECT
          "t6"."p_code",
          "t6"."p_year",
          "t6"."p_month",
          TRUE AS "has_prev"
        FROM (
          SELECT DISTINCT
            "t2"."credit_code" AS "p_code",
            "t2"."year" + 1 AS "p_year",
            "t2"."end_month" AS "p_month"
          FROM "reports" AS "t2"
          WHERE
            "t2"."is_current" AND "t2"."start_month" = 1
        ) AS "t6"
      ) AS "t20"
        ON "t26"."credit_code" = "t20"."p_code"
        AND "t26"."year" = "t20"."p_year"
        AND "t26"."end_month" = "t20"."p_month"
    ) AS "t28"
  ) AS "t30"
  GROUP BY
    1,
    2,
    3
)
SELECT
  *
FROM (
  SELECT
    "t45"."view",
    "t45"."level",
    "t45"."region",
    "t45"."year",
    "t45"."end_month",
    SUM("t45"."sei_enterprises") AS "sei_enterprises",
    SUM("t45"."sei_entries") AS "sei_entries",
    SUM("t45"."sei_exits") AS "sei_exits"
  FROM (
    SELECT
      "t44"."code",
      "t44"."year",
      "t44"."end_month",
      "t42"."sei_enterprises",
      "t42"."sei_entries",
      "t38"."sei_exits",
      "t10"."view",
      "t10"."level",
      "t10"."region",
      "t10"."region_level"
    FROM (
      SELECT DISTINCT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t35"."code",
            "t35"."year",
            "t35"."end_month"
          FROM "t34" AS "t35"
        ) AS "t39"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t33"."code",
            "t33"."year",
            "t33"."end_month"
          FROM "t32" AS "t33"
        ) AS "t36"
      ) AS "t41"
    ) AS "t44"
    LEFT OUTER JOIN (
      SELECT
        "t35"."code" AS "code__r",
        "t35"."year" AS "year__r",
        "t35"."end_month" AS "end_month__r",
        "t35"."sei_enterprises",
        "t35"."sei_entries"
      FROM "t34" AS "t35"
    ) AS "t42"
      ON "t44"."code" = "t42"."code__r"
      AND "t44"."year" = "t42"."year__r"
      AND "t44"."end_month" = "t42"."end_month__r"
    LEFT OUTER JOIN (
      SELECT
        "t33"."code" AS "code__r",
        "t33"."year" AS "year__r",
        "t33"."end_month" AS "end_month__r",
        "t33"."sei_exits"
      FROM "t32" AS "t33"
    ) AS "t38"
      ON "t44"."code" = "t38"."code__r"
      AND "t44"."year" = "t38"."year__r"
      AND "t44"."end_month" = "t38"."end_month__r"
    INNER JOIN (
      SELECT
        *
      FROM "ind_dim_region" AS "t0"
      WHERE
        "t0"."view" = 'reporting' AND "t0"."level" = 'province'
    ) AS "t10"
      ON "t44"."code" = "t10"."code"
  ) AS "t45"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t46"
