WITH "t13" AS (
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
), "t29" AS (
  SELECT
    "t27"."code",
    "t27"."division",
    "t27"."year",
    "t27"."end_month",
    SUM(CASE WHEN "t27"."is_sei" THEN "t27"."value_added_comparable" ELSE NULL END) AS "sei_va_comparable",
    SUM(CASE WHEN "t27"."is_sei" THEN "t27"."value_added_prior_comparable" ELSE NULL END) AS "sei_va_prior_comparable",
    SUM(CASE WHEN "t27"."is_sei" THEN "t27"."value_added" ELSE NULL END) AS "sei_va"
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
          "t24"."index_value" IS NOT NULL
        )
        THEN "t24"."value_added" / (
          NULLIF("t24"."index_value", 0) / 100.0
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
          "t24"."index_value" IS NOT NULL
        )
        THEN "t24"."value_added_prior"
        ELSE NULL
      END AS "value_added_prior_comparable",
      "t24"."revenue",
      "t24"."profit",
      "t24"."rd_expenditure",
      "t24"."employees"
    FROM (
      SELECT
        "t15"."credit_code",
        "t21"."code",
        "t21"."division",
        "t21"."base",
        "t21"."size",
        "t21"."is_sei",
        "t21"."sei_set",
        "t15"."year",
        "t15"."end_month",
        "t15"."value_added",
        "t15"."value_added_prior",
        "t15"."revenue",
        "t15"."profit",
        "t15"."rd_expenditure",
        "t15"."employees",
        "t10"."index_value"
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
      ) AS "t15"
      INNER JOIN (
        SELECT
          "t19"."credit_code",
          "t19"."code",
          "t19"."division",
          "t19"."base",
          "t19"."size",
          COALESCE("t19"."sei_set", 0) AS "sei_set",
          "t19"."sei_set" IS NOT NULL AS "is_sei"
        FROM (
          SELECT
            "t11"."credit_code",
            "t11"."code",
            "t11"."division",
            "t11"."base",
            "t11"."size",
            "t17"."sei_set"
          FROM (
            SELECT
              "t3"."credit_code",
              "t3"."region" AS "code",
              SUBSTRING(
                "t3"."industry",
                CASE WHEN (
                  0 + 1
                ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t3"."industry") END,
                2
              ) AS "division",
              COALESCE("t3"."base", '未填报') AS "base",
              COALESCE("t3"."size", '未填报') AS "size"
            FROM "enterprises" AS "t3"
            WHERE
              "t3"."is_current"
          ) AS "t11"
          LEFT OUTER JOIN (
            SELECT
              "t8"."s_code",
              1 AS "sei_set"
            FROM (
              SELECT DISTINCT
                "t4"."credit_code" AS "s_code"
              FROM "enterprise_classifications" AS "t4"
              WHERE
                "t4"."status" = 'assigned'
            ) AS "t8"
          ) AS "t17"
            ON "t11"."credit_code" = "t17"."s_code"
        ) AS "t19"
      ) AS "t21"
        ON "t15"."credit_code" = "t21"."credit_code"
      LEFT OUTER JOIN (
        SELECT
          "t2"."division" AS "d_div",
          "t2"."year" AS "d_year",
          "t2"."end_month" AS "d_month",
          "t2"."index_value"
        FROM "deflators" AS "t2"
        WHERE
          "t2"."is_current" AND "t2"."start_month" = 1
      ) AS "t10"
        ON "t21"."division" = "t10"."d_div"
        AND "t15"."year" = "t10"."d_year"
        AND "t15"."end_month" = "t10"."d_month"
    ) AS "t24"
  ) AS "t27"
  GROUP BY
    1,
    2,
    3,
    4
)
SELECT
  "t40"."view",
  "t40"."level",
  "t40"."region",
  "t40"."division",
  "t40"."year",
  "t40"."end_month",
  (
    (
      "t40"."sei_va_comparable" / NULLIF("t40"."sei_va_prior_comparable", 0)
    ) - 1.0
  ) * 100.0 AS "sei_va_real_growth",
  "t40"."sei_va",
  "t40"."sei_enterprises"
FROM (
  SELECT
    "t39"."view",
    "t39"."level",
    "t39"."region",
    "t39"."division",
    "t39"."year",
    "t39"."end_month",
    SUM("t39"."sei_va_comparable") AS "sei_va_comparable",
    SUM("t39"."sei_va_prior_comparable") AS "sei_va_prior_comparable",
    SUM("t39"."sei_va") AS "sei_va",
    SUM("t39"."sei_enterprises") AS "sei_enterprises"
  FROM (
    SELECT
      "t38"."code",
      "t38"."division",
      "t38"."year",
      "t38"."end_month",
      "t38"."sei_enterprises",
      "t34"."sei_va_comparable",
      "t34"."sei_va_prior_comparable",
      "t34"."sei_va",
      "t9"."view",
      "t9"."level",
      "t9"."region",
      "t9"."region_level"
    FROM (
      SELECT
        "t36"."code",
        "t36"."division",
        "t36"."year",
        "t36"."end_month",
        CASE WHEN "t36"."enterprises" > 0 THEN "t36"."enterprises_sei" ELSE NULL END AS "sei_enterprises"
      FROM (
        SELECT
          "t35"."code",
          "t35"."division",
          "t35"."p_year" AS "year",
          "t35"."p_month" AS "end_month",
          CAST(SUM(
            CASE
              WHEN (
                "t35"."years" & CASE
                  WHEN 62 - (
                    "t35"."p_year" - (
                      SELECT
                        MIN("t16"."year") AS "Min(year)"
                      FROM "t13" AS "t16"
                    )
                  ) BETWEEN 0 AND 62
                  THEN 4611686018427387904 >> (
                    62 - (
                      "t35"."p_year" - (
                        SELECT
                          MIN("t16"."year") AS "Min(year)"
                        FROM "t13" AS "t16"
                      )
                    )
                  )
                  ELSE 0
                END
              ) <> 0
              THEN "t35"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "enterprises",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t35"."years" & CASE
                    WHEN 62 - (
                      "t35"."p_year" - (
                        SELECT
                          MIN("t16"."year") AS "Min(year)"
                        FROM "t13" AS "t16"
                      )
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t35"."p_year" - (
                          SELECT
                            MIN("t16"."year") AS "Min(year)"
                          FROM "t13" AS "t16"
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  "t35"."years" & CASE
                    WHEN 62 - (
                      (
                        "t35"."p_year" - (
                          SELECT
                            MIN("t16"."year") AS "Min(year)"
                          FROM "t13" AS "t16"
                        )
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t35"."p_year" - (
                            SELECT
                              MIN("t16"."year") AS "Min(year)"
                            FROM "t13" AS "t16"
                          )
                        ) - 1
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              THEN "t35"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "entries",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t35"."years" & CASE
                    WHEN 62 - (
                      (
                        "t35"."p_year" - (
                          SELECT
                            MIN("t16"."year") AS "Min(year)"
                          FROM "t13" AS "t16"
                        )
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t35"."p_year" - (
                            SELECT
                              MIN("t16"."year") AS "Min(year)"
                            FROM "t13" AS "t16"
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
                  "t35"."years" & CASE
                    WHEN 62 - (
                      "t35"."p_year" - (
                        SELECT
                          MIN("t16"."year") AS "Min(year)"
                        FROM "t13" AS "t16"
                      )
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t35"."p_year" - (
                          SELECT
                            MIN("t16"."year") AS "Min(year)"
                          FROM "t13" AS "t16"
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              THEN "t35"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "exits",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t35"."years" & CASE
                    WHEN 62 - (
                      "t35"."p_year" - (
                        SELECT
                          MIN("t16"."year") AS "Min(year)"
                        FROM "t13" AS "t16"
                      )
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t35"."p_year" - (
                          SELECT
                            MIN("t16"."year") AS "Min(year)"
                          FROM "t13" AS "t16"
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND "t35"."is_sei"
              THEN "t35"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "enterprises_sei",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t35"."years" & CASE
                    WHEN 62 - (
                      "t35"."p_year" - (
                        SELECT
                          MIN("t16"."year") AS "Min(year)"
                        FROM "t13" AS "t16"
                      )
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t35"."p_year" - (
                          SELECT
                            MIN("t16"."year") AS "Min(year)"
                          FROM "t13" AS "t16"
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  "t35"."years" & CASE
                    WHEN 62 - (
                      (
                        "t35"."p_year" - (
                          SELECT
                            MIN("t16"."year") AS "Min(year)"
                          FROM "t13" AS "t16"
                        )
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t35"."p_year" - (
                            SELECT
                              MIN("t16"."year") AS "Min(year)"
                            FROM "t13" AS "t16"
                          )
                        ) - 1
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND "t35"."is_sei"
              THEN "t35"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "entries_sei",
          CAST(SUM(
            CASE
              WHEN (
                (
                  "t35"."years" & CASE
                    WHEN 62 - (
                      (
                        "t35"."p_year" - (
                          SELECT
                            MIN("t16"."year") AS "Min(year)"
                          FROM "t13" AS "t16"
                        )
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        (
                          "t35"."p_year" - (
                            SELECT
                              MIN("t16"."year") AS "Min(year)"
                            FROM "t13" AS "t16"
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
                  "t35"."years" & CASE
                    WHEN 62 - (
                      "t35"."p_year" - (
                        SELECT
                          MIN("t16"."year") AS "Min(year)"
                        FROM "t13" AS "t16"
                      )
                    ) BETWEEN 0 AND 62
                    THEN 4611686018427387904 >> (
                      62 - (
                        "t35"."p_year" - (
                          SELECT
                            MIN("t16"."year") AS "Min(year)"
                          FROM "t13" AS "t16"
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND "t35"."is_sei"
              THEN "t35"."n"
              ELSE 0
            END
          ) AS BIGINT) AS "exits_sei"
        FROM (
          SELECT
            "t28"."code",
            "t28"."division",
            "t28"."is_sei",
            "t28"."y_month",
            "t28"."years",
            "t28"."n",
            "t33"."p_year",
            "t33"."p_month"
          FROM (
            SELECT
              "t25"."code",
              "t25"."division",
              "t25"."is_sei",
              "t25"."y_month",
              "t25"."years",
              COUNT(*) AS "n"
            FROM (
              SELECT
                "t23"."y_code",
                "t23"."y_month",
                "t23"."years",
                "t21"."credit_code",
                "t21"."code",
                "t21"."division",
                "t21"."base",
                "t21"."size",
                "t21"."sei_set",
                "t21"."is_sei"
              FROM (
                SELECT
                  "t16"."credit_code" AS "y_code",
                  "t16"."end_month" AS "y_month",
                  CAST(SUM(
                    CASE
                      WHEN 62 - (
                        "t16"."year" - (
                          SELECT
                            MIN("t16"."year") AS "Min(year)"
                          FROM "t13" AS "t16"
                        )
                      ) BETWEEN 0 AND 62
                      THEN 4611686018427387904 >> (
                        62 - (
                          "t16"."year" - (
                            SELECT
                              MIN("t16"."year") AS "Min(year)"
                            FROM "t13" AS "t16"
                          )
                        )
                      )
                      ELSE 0
                    END
                  ) AS BIGINT) AS "years"
                FROM "t13" AS "t16"
                GROUP BY
                  1,
                  2
              ) AS "t23"
              INNER JOIN (
                SELECT
                  "t19"."credit_code",
                  "t19"."code",
                  "t19"."division",
                  "t19"."base",
                  "t19"."size",
                  COALESCE("t19"."sei_set", 0) AS "sei_set",
                  "t19"."sei_set" IS NOT NULL AS "is_sei"
                FROM (
                  SELECT
                    "t11"."credit_code",
                    "t11"."code",
                    "t11"."division",
                    "t11"."base",
                    "t11"."size",
                    "t17"."sei_set"
                  FROM (
                    SELECT
                      "t3"."credit_code",
                      "t3"."region" AS "code",
                      SUBSTRING(
                        "t3"."industry",
                        CASE WHEN (
                          0 + 1
                        ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t3"."industry") END,
                        2
                      ) AS "division",
                      COALESCE("t3"."base", '未填报') AS "base",
                      COALESCE("t3"."size", '未填报') AS "size"
                    FROM "enterprises" AS "t3"
                    WHERE
                      "t3"."is_current"
                  ) AS "t11"
                  LEFT OUTER JOIN (
                    SELECT
                      "t8"."s_code",
                      1 AS "sei_set"
                    FROM (
                      SELECT DISTINCT
                        "t4"."credit_code" AS "s_code"
                      FROM "enterprise_classifications" AS "t4"
                      WHERE
                        "t4"."status" = 'assigned'
                    ) AS "t8"
                  ) AS "t17"
                    ON "t11"."credit_code" = "t17"."s_code"
                ) AS "t19"
              ) AS "t21"
                ON "t23"."y_code" = "t21"."credit_code"
            ) AS "t25"
            GROUP BY
              1,
              2,
              3,
              4,
              5
          ) AS "t28"
          INNER JOIN (
            SELECT DISTINCT
              "t30"."year" AS "p_year",
              "t30"."end_month" AS "p_month"
            FROM "t29" AS "t30"
          ) AS "t33"
            ON "t28"."y_month" = "t33"."p_month"
        ) AS "t35"
        GROUP BY
          1,
          2,
          3,
          4
      ) AS "t36"
      WHERE
        (
          (
            "t36"."enterprises" > 0
          ) OR (
            "t36"."exits" > 0
          )
        )
        AND "t36"."enterprises" > 0
    ) AS "t38"
    LEFT OUTER JOIN (
      SELECT
        "t30"."code" AS "code__s",
        "t30"."division" AS "division__s",
        "t30"."year" AS "year__s",
        "t30"."end_month" AS "end_month__s",
        "t30"."sei_va_comparable",
        "t30"."sei_va_prior_comparable",
        "t30"."sei_va"
      FROM "t29" AS "t30"
    ) AS "t34"
      ON "t38"."code" = "t34"."code__s"
      AND "t38"."division" = "t34"."division__s"
      AND "t38"."year" = "t34"."year__s"
      AND "t38"."end_month" = "t34"."end_month__s"
    INNER JOIN (
      SELECT
        *
      FROM "ind_dim_region" AS "t0"
      WHERE
        "t0"."view" = 'reporting' AND "t0"."level" = 'province'
    ) AS "t9"
      ON "t38"."code" = "t9"."code"
  ) AS "t39"
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS "t40"
