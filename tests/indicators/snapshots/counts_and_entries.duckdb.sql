WITH "t9" AS (
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
)
SELECT
  *
FROM (
  SELECT
    "t32"."view",
    "t32"."level",
    "t32"."region",
    "t32"."year",
    "t32"."end_month",
    SUM("t32"."sei_enterprises") AS "sei_enterprises",
    SUM("t32"."sei_entries") AS "sei_entries",
    SUM("t32"."sei_exits") AS "sei_exits"
  FROM (
    SELECT
      "t31"."code",
      "t31"."year",
      "t31"."end_month",
      "t31"."sei_enterprises",
      "t31"."sei_entries",
      "t31"."sei_exits",
      "t7"."view",
      "t7"."level",
      "t7"."region",
      "t7"."region_level"
    FROM (
      SELECT
        "t29"."code",
        "t29"."year",
        "t29"."end_month",
        CASE WHEN "t29"."enterprises" > 0 THEN "t29"."enterprises_sei" ELSE NULL END AS "sei_enterprises",
        CASE WHEN "t29"."enterprises" > 0 THEN "t29"."entries_sei" ELSE NULL END AS "sei_entries",
        CASE WHEN "t29"."exits" > 0 THEN "t29"."exits_sei" ELSE NULL END AS "sei_exits"
      FROM (
        SELECT
          "t28"."code",
          "t28"."p_year" AS "year",
          "t28"."p_month" AS "end_month",
          CAST(SUM(
            CASE
              WHEN (
                "t28"."years" & CASE
                  WHEN 62 - (
                    "t28"."p_year" - (
                      SELECT
                        MIN("t12"."year") AS "Min(year)"
                      FROM "t9" AS "t12"
                    )
                  ) BETWEEN 0 AND 62
                  THEN 4611686018427387904 >> (
                    62 - (
                      "t28"."p_year" - (
                        SELECT
                          MIN("t12"."year") AS "Min(year)"
                        FROM "t9" AS "t12"
                      )
                    )
                  )
                  ELSE 0
                END
              ) <> 0
              THEN "t28"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "enterprises",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t28"."years" & CASE
                    WHEN 62 - (
                      "t28"."p_year" - (
                        SELECT
                          MIN("t12"."year") AS "Min(year)"
                        FROM "t9" AS "t12"
                      )
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t28"."p_year" - (
                          SELECT
                            MIN("t12"."year") AS "Min(year)"
                          FROM "t9" AS "t12"
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  "t28"."years" & CASE
                    WHEN 62 - (
                      (
                        "t28"."p_year" - (
                          SELECT
                            MIN("t12"."year") AS "Min(year)"
                          FROM "t9" AS "t12"
                        )
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t28"."p_year" - (
                            SELECT
                              MIN("t12"."year") AS "Min(year)"
                            FROM "t9" AS "t12"
                          )
                        ) - 1
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              THEN "t28"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "entries",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t28"."years" & CASE
                    WHEN 62 - (
                      (
                        "t28"."p_year" - (
                          SELECT
                            MIN("t12"."year") AS "Min(year)"
                          FROM "t9" AS "t12"
                        )
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t28"."p_year" - (
                            SELECT
                              MIN("t12"."year") AS "Min(year)"
                            FROM "t9" AS "t12"
                          )
                        ) - 1
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  "t28"."years" & CASE
                    WHEN 62 - (
                      "t28"."p_year" - (
                        SELECT
                          MIN("t12"."year") AS "Min(year)"
                        FROM "t9" AS "t12"
                      )
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t28"."p_year" - (
                          SELECT
                            MIN("t12"."year") AS "Min(year)"
                          FROM "t9" AS "t12"
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              THEN "t28"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "exits",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t28"."years" & CASE
                    WHEN 62 - (
                      "t28"."p_year" - (
                        SELECT
                          MIN("t12"."year") AS "Min(year)"
                        FROM "t9" AS "t12"
                      )
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t28"."p_year" - (
                          SELECT
                            MIN("t12"."year") AS "Min(year)"
                          FROM "t9" AS "t12"
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND "t28"."is_sei"
              THEN "t28"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "enterprises_sei",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t28"."years" & CASE
                    WHEN 62 - (
                      "t28"."p_year" - (
                        SELECT
                          MIN("t12"."year") AS "Min(year)"
                        FROM "t9" AS "t12"
                      )
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t28"."p_year" - (
                          SELECT
                            MIN("t12"."year") AS "Min(year)"
                          FROM "t9" AS "t12"
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  "t28"."years" & CASE
                    WHEN 62 - (
                      (
                        "t28"."p_year" - (
                          SELECT
                            MIN("t12"."year") AS "Min(year)"
                          FROM "t9" AS "t12"
                        )
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t28"."p_year" - (
                            SELECT
                              MIN("t12"."year") AS "Min(year)"
                            FROM "t9" AS "t12"
                          )
                        ) - 1
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND "t28"."is_sei"
              THEN "t28"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "entries_sei",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t28"."years" & CASE
                    WHEN 62 - (
                      (
                        "t28"."p_year" - (
                          SELECT
                            MIN("t12"."year") AS "Min(year)"
                          FROM "t9" AS "t12"
                        )
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t28"."p_year" - (
                            SELECT
                              MIN("t12"."year") AS "Min(year)"
                            FROM "t9" AS "t12"
                          )
                        ) - 1
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  "t28"."years" & CASE
                    WHEN 62 - (
                      "t28"."p_year" - (
                        SELECT
                          MIN("t12"."year") AS "Min(year)"
                        FROM "t9" AS "t12"
                      )
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t28"."p_year" - (
                          SELECT
                            MIN("t12"."year") AS "Min(year)"
                          FROM "t9" AS "t12"
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND "t28"."is_sei"
              THEN "t28"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "exits_sei"
        FROM (
          SELECT
            "t27"."code",
            "t27"."is_sei",
            "t27"."y_month",
            "t27"."years",
            "t27"."n",
            "t25"."p_year",
            "t25"."p_month"
          FROM (
            SELECT
              "t23"."code",
              "t23"."is_sei",
              "t23"."y_month",
              "t23"."years",
              COUNT(*) AS "n"
            FROM (
              SELECT
                "t20"."y_code",
                "t20"."y_month",
                "t20"."years",
                "t18"."credit_code",
                "t18"."code",
                "t18"."division",
                "t18"."base",
                "t18"."size",
                "t18"."sei_set",
                "t18"."is_sei"
              FROM (
                SELECT
                  "t12"."credit_code" AS "y_code",
                  "t12"."end_month" AS "y_month",
                  CAST(SUM(
                    CASE
                      WHEN 62 - (
                        "t12"."year" - (
                          SELECT
                            MIN("t12"."year") AS "Min(year)"
                          FROM "t9" AS "t12"
                        )
                      ) BETWEEN 0 AND 62
                      THEN 4611686018427387904 >> (
                        62 - (
                          "t12"."year" - (
                            SELECT
                              MIN("t12"."year") AS "Min(year)"
                            FROM "t9" AS "t12"
                          )
                        )
                      )
                      ELSE 0
                    END
                  ) AS BIGINT) AS "years"
                FROM "t9" AS "t12"
                GROUP BY
                  1,
                  2
              ) AS "t20"
              INNER JOIN (
                SELECT
                  "t16"."credit_code",
                  "t16"."code",
                  "t16"."division",
                  "t16"."base",
                  "t16"."size",
                  COALESCE("t16"."sei_set", 0) AS "sei_set",
                  "t16"."sei_set" IS NOT NULL AS "is_sei"
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
                ) AS "t16"
              ) AS "t18"
                ON "t20"."y_code" = "t18"."credit_code"
            ) AS "t23"
            GROUP BY
              1,
              2,
              3,
              4
          ) AS "t27"
          INNER JOIN (
            SELECT DISTINCT
              "t22"."year" AS "p_year",
              "t22"."end_month" AS "p_month"
            FROM (
              SELECT DISTINCT
                "t21"."code",
                "t21"."year",
                "t21"."end_month"
              FROM (
                SELECT
                  "t13"."credit_code",
                  "t18"."code",
                  "t18"."division",
                  "t18"."base",
                  "t18"."size",
                  "t18"."is_sei",
                  "t18"."sei_set",
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
                    "t16"."credit_code",
                    "t16"."code",
                    "t16"."division",
                    "t16"."base",
                    "t16"."size",
                    COALESCE("t16"."sei_set", 0) AS "sei_set",
                    "t16"."sei_set" IS NOT NULL AS "is_sei"
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
                  ) AS "t16"
                ) AS "t18"
                  ON "t13"."credit_code" = "t18"."credit_code"
              ) AS "t21"
            ) AS "t22"
          ) AS "t25"
            ON "t27"."y_month" = "t25"."p_month"
        ) AS "t28"
        GROUP BY
          1,
          2,
          3
      ) AS "t29"
      WHERE
        (
          "t29"."enterprises" > 0
        ) OR (
          "t29"."exits" > 0
        )
    ) AS "t31"
    INNER JOIN (
      SELECT
        *
      FROM "ind_dim_region" AS "t0"
      WHERE
        "t0"."view" = 'reporting' AND "t0"."level" = 'province'
    ) AS "t7"
      ON "t31"."code" = "t7"."code"
  ) AS "t32"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t33"
