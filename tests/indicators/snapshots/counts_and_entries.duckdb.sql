WITH "t20" AS (
  SELECT DISTINCT
    "t19"."year" AS "p_year",
    "t19"."end_month" AS "p_month"
  FROM (
    SELECT DISTINCT
      "t18"."code",
      "t18"."year",
      "t18"."end_month"
    FROM (
      SELECT
        "t13"."credit_code",
        "t17"."code",
        "t17"."division",
        "t17"."base",
        "t17"."size",
        "t17"."is_sei",
        "t17"."sei_set",
        "t13"."year",
        "t13"."end_month",
        "t13"."value_added",
        "t13"."value_added_prior",
        "t13"."revenue",
        "t13"."profit",
        "t13"."rd_expenditure",
        "t13"."employees"
      FROM (
        SELECT
          *
        FROM "reports" AS "t1"
        WHERE
          "t1"."is_current"
          AND "t1"."start_month" = 1
          AND "t1"."year" IN (2019)
          AND "t1"."end_month" IN (9)
          AND (
            "t1"."year" * 100
          ) + "t1"."end_month" IN (201909)
      ) AS "t13"
      INNER JOIN (
        SELECT
          "t15"."credit_code",
          "t15"."code",
          "t15"."division",
          "t15"."base",
          "t15"."size",
          COALESCE("t15"."sei_set", 0) AS "sei_set",
          "t15"."sei_set" IS NOT NULL AS "is_sei"
        FROM (
          SELECT
            "t8"."credit_code",
            "t8"."code",
            "t8"."division",
            "t8"."base",
            "t8"."size",
            "t14"."sei_set"
          FROM (
            SELECT
              "t2"."credit_code",
              "t2"."region" AS "code",
              SUBSTRING(
                "t2"."industry",
                CASE WHEN (
                  0 + 1
                ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t2"."industry") END,
                2
              ) AS "division",
              COALESCE("t2"."base", '未填报') AS "base",
              COALESCE("t2"."size", '未填报') AS "size"
            FROM "enterprises" AS "t2"
            WHERE
              "t2"."is_current"
          ) AS "t8"
          LEFT OUTER JOIN (
            SELECT
              "t6"."s_code",
              1 AS "sei_set"
            FROM (
              SELECT DISTINCT
                "t3"."credit_code" AS "s_code"
              FROM "enterprise_classifications" AS "t3"
              WHERE
                "t3"."status" = 'assigned'
            ) AS "t6"
          ) AS "t14"
            ON "t8"."credit_code" = "t14"."s_code"
        ) AS "t15"
      ) AS "t17"
        ON "t13"."credit_code" = "t17"."credit_code"
    ) AS "t18"
  ) AS "t19"
)
SELECT
  *
FROM (
  SELECT
    "t35"."view",
    "t35"."level",
    "t35"."region",
    "t35"."year",
    "t35"."end_month",
    SUM("t35"."sei_enterprises") AS "sei_enterprises",
    SUM("t35"."sei_entries") AS "sei_entries",
    SUM("t35"."sei_exits") AS "sei_exits"
  FROM (
    SELECT
      "t34"."code",
      "t34"."year",
      "t34"."end_month",
      "t34"."sei_enterprises",
      "t34"."sei_entries",
      "t34"."sei_exits",
      "t7"."view",
      "t7"."level",
      "t7"."region",
      "t7"."region_level"
    FROM (
      SELECT
        "t32"."code",
        "t32"."year",
        "t32"."end_month",
        CASE WHEN "t32"."enterprises" > 0 THEN "t32"."enterprises_sei" ELSE NULL END AS "sei_enterprises",
        CASE WHEN "t32"."enterprises" > 0 THEN "t32"."entries_sei" ELSE NULL END AS "sei_entries",
        CASE WHEN "t32"."exits" > 0 THEN "t32"."exits_sei" ELSE NULL END AS "sei_exits"
      FROM (
        SELECT
          "t31"."code",
          "t31"."p_year" AS "year",
          "t31"."p_month" AS "end_month",
          CAST(SUM(
            CASE
              WHEN (
                "t31"."years" & CASE
                  WHEN 62 - (
                    "t31"."p_year" - "t31"."first"
                  ) BETWEEN 0 AND 62
                  THEN 4611686018427387904 >> (
                    62 - (
                      "t31"."p_year" - "t31"."first"
                    )
                  )
                  ELSE 0
                END
              ) <> 0
              THEN "t31"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "enterprises",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t31"."years" & CASE
                    WHEN 62 - (
                      "t31"."p_year" - "t31"."first"
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t31"."p_year" - "t31"."first"
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  "t31"."years" & CASE
                    WHEN 62 - (
                      (
                        "t31"."p_year" - "t31"."first"
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t31"."p_year" - "t31"."first"
                        ) - 1
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              THEN "t31"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "entries",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t31"."years" & CASE
                    WHEN 62 - (
                      (
                        "t31"."p_year" - "t31"."first"
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t31"."p_year" - "t31"."first"
                        ) - 1
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  "t31"."years" & CASE
                    WHEN 62 - (
                      "t31"."p_year" - "t31"."first"
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t31"."p_year" - "t31"."first"
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              THEN "t31"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "exits",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t31"."years" & CASE
                    WHEN 62 - (
                      "t31"."p_year" - "t31"."first"
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t31"."p_year" - "t31"."first"
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND "t31"."is_sei"
              THEN "t31"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "enterprises_sei",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t31"."years" & CASE
                    WHEN 62 - (
                      "t31"."p_year" - "t31"."first"
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t31"."p_year" - "t31"."first"
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  "t31"."years" & CASE
                    WHEN 62 - (
                      (
                        "t31"."p_year" - "t31"."first"
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t31"."p_year" - "t31"."first"
                        ) - 1
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND "t31"."is_sei"
              THEN "t31"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "entries_sei",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t31"."years" & CASE
                    WHEN 62 - (
                      (
                        "t31"."p_year" - "t31"."first"
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t31"."p_year" - "t31"."first"
                        ) - 1
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  "t31"."years" & CASE
                    WHEN 62 - (
                      "t31"."p_year" - "t31"."first"
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t31"."p_year" - "t31"."first"
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND "t31"."is_sei"
              THEN "t31"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "exits_sei"
        FROM (
          SELECT
            "t30"."code",
            "t30"."is_sei",
            "t30"."y_month",
            "t30"."first",
            "t30"."years",
            "t30"."n",
            "t22"."p_year",
            "t22"."p_month"
          FROM (
            SELECT
              "t28"."code",
              "t28"."is_sei",
              "t28"."y_month",
              "t28"."first",
              "t28"."years",
              COUNT(*) AS "n"
            FROM (
              SELECT
                "t27"."y_code",
                "t27"."y_month",
                "t27"."first",
                "t27"."years",
                "t17"."credit_code",
                "t17"."code",
                "t17"."division",
                "t17"."base",
                "t17"."size",
                "t17"."sei_set",
                "t17"."is_sei"
              FROM (
                SELECT
                  "t25"."credit_code" AS "y_code",
                  "t25"."end_month" AS "y_month",
                  MIN("t25"."first") AS "first",
                  CAST(SUM(
                    CASE
                      WHEN 62 - (
                        "t25"."year" - "t25"."first"
                      ) BETWEEN 0 AND 62
                      THEN 4611686018427387904 >> (
                        62 - (
                          "t25"."year" - "t25"."first"
                        )
                      )
                      ELSE 0
                    END
                  ) AS BIGINT) AS "years"
                FROM (
                  SELECT
                    "t12"."credit_code",
                    "t12"."period",
                    "t12"."period_kind",
                    "t12"."year",
                    "t12"."start_month",
                    "t12"."end_month",
                    "t12"."revenue",
                    "t12"."value_added",
                    "t12"."value_added_prior",
                    "t12"."profit",
                    "t12"."rd_expenditure",
                    "t12"."employees",
                    "t12"."batch_id",
                    "t12"."vintage",
                    "t12"."is_current",
                    "t24"."first"
                  FROM (
                    SELECT
                      *
                    FROM "reports" AS "t1"
                    WHERE
                      "t1"."is_current"
                      AND "t1"."start_month" = 1
                      AND "t1"."year" IN (2018, 2019)
                      AND "t1"."end_month" IN (9)
                      AND (
                        "t1"."year" * 100
                      ) + "t1"."end_month" IN (201809, 201909)
                  ) AS "t12"
                  CROSS JOIN (
                    SELECT
                      MIN("t21"."p_year") - 1 AS "first"
                    FROM "t20" AS "t21"
                  ) AS "t24"
                ) AS "t25"
                GROUP BY
                  1,
                  2
              ) AS "t27"
              INNER JOIN (
                SELECT
                  "t15"."credit_code",
                  "t15"."code",
                  "t15"."division",
                  "t15"."base",
                  "t15"."size",
                  COALESCE("t15"."sei_set", 0) AS "sei_set",
                  "t15"."sei_set" IS NOT NULL AS "is_sei"
                FROM (
                  SELECT
                    "t8"."credit_code",
                    "t8"."code",
                    "t8"."division",
                    "t8"."base",
                    "t8"."size",
                    "t14"."sei_set"
                  FROM (
                    SELECT
                      "t2"."credit_code",
                      "t2"."region" AS "code",
                      SUBSTRING(
                        "t2"."industry",
                        CASE WHEN (
                          0 + 1
                        ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t2"."industry") END,
                        2
                      ) AS "division",
                      COALESCE("t2"."base", '未填报') AS "base",
                      COALESCE("t2"."size", '未填报') AS "size"
                    FROM "enterprises" AS "t2"
                    WHERE
                      "t2"."is_current"
                  ) AS "t8"
                  LEFT OUTER JOIN (
                    SELECT
                      "t6"."s_code",
                      1 AS "sei_set"
                    FROM (
                      SELECT DISTINCT
                        "t3"."credit_code" AS "s_code"
                      FROM "enterprise_classifications" AS "t3"
                      WHERE
                        "t3"."status" = 'assigned'
                    ) AS "t6"
                  ) AS "t14"
                    ON "t8"."credit_code" = "t14"."s_code"
                ) AS "t15"
              ) AS "t17"
                ON "t27"."y_code" = "t17"."credit_code"
            ) AS "t28"
            GROUP BY
              1,
              2,
              3,
              4,
              5
          ) AS "t30"
          INNER JOIN "t20" AS "t22"
            ON "t30"."y_month" = "t22"."p_month"
        ) AS "t31"
        GROUP BY
          1,
          2,
          3
      ) AS "t32"
      WHERE
        (
          "t32"."enterprises" > 0
        ) OR (
          "t32"."exits" > 0
        )
    ) AS "t34"
    INNER JOIN (
      SELECT
        *
      FROM "ind_dim_region" AS "t0"
      WHERE
        "t0"."view" = 'reporting' AND "t0"."level" = 'province'
    ) AS "t7"
      ON "t34"."code" = "t7"."code"
  ) AS "t35"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t36"
