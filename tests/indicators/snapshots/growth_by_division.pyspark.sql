WITH `t23` AS (
  SELECT
    `t22`.`code`,
    `t22`.`division`,
    `t22`.`year`,
    `t22`.`end_month`,
    SUM(CASE WHEN `t22`.`is_sei` THEN `t22`.`value_added_comparable` ELSE NULL END) AS `sei_va_comparable`,
    SUM(CASE WHEN `t22`.`is_sei` THEN `t22`.`value_added_prior_comparable` ELSE NULL END) AS `sei_va_prior_comparable`,
    SUM(CASE WHEN `t22`.`is_sei` THEN `t22`.`value_added` ELSE NULL END) AS `sei_va`
  FROM (
    SELECT
      `t21`.`credit_code`,
      `t21`.`code`,
      COALESCE(`t21`.`division`, '未填报') AS `division`,
      `t21`.`base`,
      `t21`.`size`,
      `t21`.`is_sei`,
      `t21`.`sei_set`,
      `t21`.`year`,
      `t21`.`end_month`,
      `t21`.`value_added`,
      `t21`.`value_added_prior`,
      CASE
        WHEN `t21`.`value_added` IS NOT NULL
        AND NOT ISNAN(`t21`.`value_added`)
        AND (
          `t21`.`value_added_prior` IS NOT NULL AND NOT ISNAN(`t21`.`value_added_prior`)
        )
        AND (
          `t21`.`index_value` IS NOT NULL AND NOT ISNAN(`t21`.`index_value`)
        )
        THEN `t21`.`value_added` / (
          NULLIF(`t21`.`index_value`, 0) / 100.0
        )
        ELSE NULL
      END AS `value_added_comparable`,
      CASE
        WHEN `t21`.`value_added` IS NOT NULL
        AND NOT ISNAN(`t21`.`value_added`)
        AND (
          `t21`.`value_added_prior` IS NOT NULL AND NOT ISNAN(`t21`.`value_added_prior`)
        )
        AND (
          `t21`.`index_value` IS NOT NULL AND NOT ISNAN(`t21`.`index_value`)
        )
        THEN `t21`.`value_added_prior`
        ELSE NULL
      END AS `value_added_prior_comparable`,
      `t21`.`revenue`,
      `t21`.`profit`,
      `t21`.`rd_expenditure`,
      `t21`.`employees`,
      `t21`.`revenue` AS `industry_revenue`
    FROM (
      SELECT
        `t15`.`credit_code`,
        `t20`.`code`,
        `t20`.`division`,
        `t20`.`base`,
        `t20`.`size`,
        `t20`.`is_sei`,
        `t20`.`sei_set`,
        `t15`.`year`,
        `t15`.`end_month`,
        `t15`.`value_added`,
        `t15`.`value_added_prior`,
        `t15`.`revenue`,
        `t15`.`profit`,
        `t15`.`rd_expenditure`,
        `t15`.`employees`,
        `t10`.`index_value`
      FROM (
        SELECT
          *
        FROM `reports` AS `t1`
        WHERE
          `t1`.`is_current`
          AND `t1`.`start_month` = 1
          AND `t1`.`year` IN (2019)
          AND `t1`.`end_month` IN (9)
          AND (
            `t1`.`year` * 100
          ) + `t1`.`end_month` IN (201909)
      ) AS `t15`
      INNER JOIN (
        SELECT
          `t18`.`credit_code`,
          `t18`.`code`,
          `t18`.`division`,
          `t18`.`base`,
          `t18`.`size`,
          COALESCE(`t18`.`sei_set`, 0) AS `sei_set`,
          `t18`.`sei_set` IS NOT NULL AS `is_sei`
        FROM (
          SELECT
            `t11`.`credit_code`,
            `t11`.`code`,
            `t11`.`division`,
            `t11`.`base`,
            `t11`.`size`,
            `t17`.`sei_set`
          FROM (
            SELECT
              `t3`.`credit_code`,
              `t3`.`region` AS `code`,
              SUBSTRING(`t3`.`industry`, IF((
                0 + 1
              ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t3`.`industry`)), 2) AS `division`,
              COALESCE(`t3`.`base`, '未填报') AS `base`,
              COALESCE(`t3`.`size`, '未填报') AS `size`
            FROM `enterprises` AS `t3`
            WHERE
              `t3`.`is_current`
          ) AS `t11`
          LEFT OUTER JOIN (
            SELECT
              `t8`.`s_code`,
              1 AS `sei_set`
            FROM (
              SELECT DISTINCT
                `t4`.`credit_code` AS `s_code`
              FROM `enterprise_classifications` AS `t4`
              WHERE
                `t4`.`status` = 'assigned'
            ) AS `t8`
          ) AS `t17`
            ON `t11`.`credit_code` = `t17`.`s_code`
        ) AS `t18`
      ) AS `t20`
        ON `t15`.`credit_code` = `t20`.`credit_code`
      LEFT OUTER JOIN (
        SELECT
          `t2`.`division` AS `d_div`,
          `t2`.`year` AS `d_year`,
          `t2`.`end_month` AS `d_month`,
          `t2`.`index_value`
        FROM `deflators` AS `t2`
        WHERE
          `t2`.`is_current` AND `t2`.`start_month` = 1
      ) AS `t10`
        ON `t20`.`division` = `t10`.`d_div`
        AND `t15`.`year` = `t10`.`d_year`
        AND `t15`.`end_month` = `t10`.`d_month`
    ) AS `t21`
  ) AS `t22`
  GROUP BY
    1,
    2,
    3,
    4
), `t25` AS (
  SELECT DISTINCT
    `t24`.`year` AS `p_year`,
    `t24`.`end_month` AS `p_month`
  FROM `t23` AS `t24`
)
SELECT
  `t43`.`view`,
  `t43`.`level`,
  `t43`.`region`,
  `t43`.`division`,
  `t43`.`year`,
  `t43`.`end_month`,
  (
    (
      `t43`.`sei_va_comparable` / NULLIF(`t43`.`sei_va_prior_comparable`, 0)
    ) - 1.0
  ) * 100.0 AS `sei_va_real_growth`,
  `t43`.`sei_va`,
  `t43`.`sei_enterprises`
FROM (
  SELECT
    `t42`.`view`,
    `t42`.`level`,
    `t42`.`region`,
    `t42`.`division`,
    `t42`.`year`,
    `t42`.`end_month`,
    SUM(`t42`.`sei_va_comparable`) AS `sei_va_comparable`,
    SUM(`t42`.`sei_va_prior_comparable`) AS `sei_va_prior_comparable`,
    SUM(`t42`.`sei_va`) AS `sei_va`,
    SUM(`t42`.`sei_enterprises`) AS `sei_enterprises`
  FROM (
    SELECT
      `t41`.`code`,
      `t41`.`division`,
      `t41`.`year`,
      `t41`.`end_month`,
      `t41`.`sei_enterprises`,
      `t28`.`sei_va_comparable`,
      `t28`.`sei_va_prior_comparable`,
      `t28`.`sei_va`,
      `t9`.`view`,
      `t9`.`level`,
      `t9`.`region`,
      `t9`.`region_level`
    FROM (
      SELECT
        `t39`.`code`,
        `t39`.`division`,
        `t39`.`year`,
        `t39`.`end_month`,
        CASE WHEN `t39`.`enterprises` > 0 THEN `t39`.`enterprises_sei` ELSE NULL END AS `sei_enterprises`
      FROM (
        SELECT
          `t38`.`code`,
          `t38`.`division`,
          `t38`.`p_year` AS `year`,
          `t38`.`p_month` AS `end_month`,
          CAST(SUM(
            CASE
              WHEN (
                `t38`.`years` & CASE
                  WHEN 62 - (
                    `t38`.`p_year` - `t38`.`first`
                  ) BETWEEN 0 AND 62
                  THEN SHIFTRIGHT(4611686018427387904, (
                    62 - (
                      `t38`.`p_year` - `t38`.`first`
                    )
                  ))
                  ELSE 0
                END
              ) <> 0
              THEN `t38`.`n`
              ELSE 0
            END
          ) AS BIGINT) AS `enterprises`,
          CAST(SUM(
            CASE
              WHEN (
                (
                  `t38`.`years` & CASE
                    WHEN 62 - (
                      `t38`.`p_year` - `t38`.`first`
                    ) BETWEEN 0 AND 62
                    THEN SHIFTRIGHT(4611686018427387904, (
                      62 - (
                        `t38`.`p_year` - `t38`.`first`
                      )
                    ))
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  `t38`.`years` & CASE
                    WHEN 62 - (
                      (
                        `t38`.`p_year` - `t38`.`first`
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN SHIFTRIGHT(
                      4611686018427387904,
                      (
                        62 - (
                          (
                            `t38`.`p_year` - `t38`.`first`
                          ) - 1
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              THEN `t38`.`n`
              ELSE 0
            END
          ) AS BIGINT) AS `entries`,
          CAST(SUM(
            CASE
              WHEN (
                (
                  `t38`.`years` & CASE
                    WHEN 62 - (
                      (
                        `t38`.`p_year` - `t38`.`first`
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN SHIFTRIGHT(
                      4611686018427387904,
                      (
                        62 - (
                          (
                            `t38`.`p_year` - `t38`.`first`
                          ) - 1
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  `t38`.`years` & CASE
                    WHEN 62 - (
                      `t38`.`p_year` - `t38`.`first`
                    ) BETWEEN 0 AND 62
                    THEN SHIFTRIGHT(4611686018427387904, (
                      62 - (
                        `t38`.`p_year` - `t38`.`first`
                      )
                    ))
                    ELSE 0
                  END
                ) <> 0
              )
              THEN `t38`.`n`
              ELSE 0
            END
          ) AS BIGINT) AS `exits`,
          CAST(SUM(
            CASE
              WHEN (
                (
                  `t38`.`years` & CASE
                    WHEN 62 - (
                      `t38`.`p_year` - `t38`.`first`
                    ) BETWEEN 0 AND 62
                    THEN SHIFTRIGHT(4611686018427387904, (
                      62 - (
                        `t38`.`p_year` - `t38`.`first`
                      )
                    ))
                    ELSE 0
                  END
                ) <> 0
              )
              AND `t38`.`is_sei`
              THEN `t38`.`n`
              ELSE 0
            END
          ) AS BIGINT) AS `enterprises_sei`,
          CAST(SUM(
            CASE
              WHEN (
                (
                  `t38`.`years` & CASE
                    WHEN 62 - (
                      `t38`.`p_year` - `t38`.`first`
                    ) BETWEEN 0 AND 62
                    THEN SHIFTRIGHT(4611686018427387904, (
                      62 - (
                        `t38`.`p_year` - `t38`.`first`
                      )
                    ))
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  `t38`.`years` & CASE
                    WHEN 62 - (
                      (
                        `t38`.`p_year` - `t38`.`first`
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN SHIFTRIGHT(
                      4611686018427387904,
                      (
                        62 - (
                          (
                            `t38`.`p_year` - `t38`.`first`
                          ) - 1
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND `t38`.`is_sei`
              THEN `t38`.`n`
              ELSE 0
            END
          ) AS BIGINT) AS `entries_sei`,
          CAST(SUM(
            CASE
              WHEN (
                (
                  `t38`.`years` & CASE
                    WHEN 62 - (
                      (
                        `t38`.`p_year` - `t38`.`first`
                      ) - 1
                    ) BETWEEN 0 AND 62
                    THEN SHIFTRIGHT(
                      4611686018427387904,
                      (
                        62 - (
                          (
                            `t38`.`p_year` - `t38`.`first`
                          ) - 1
                        )
                      )
                    )
                    ELSE 0
                  END
                ) <> 0
              )
              AND NOT (
                (
                  `t38`.`years` & CASE
                    WHEN 62 - (
                      `t38`.`p_year` - `t38`.`first`
                    ) BETWEEN 0 AND 62
                    THEN SHIFTRIGHT(4611686018427387904, (
                      62 - (
                        `t38`.`p_year` - `t38`.`first`
                      )
                    ))
                    ELSE 0
                  END
                ) <> 0
              )
              AND `t38`.`is_sei`
              THEN `t38`.`n`
              ELSE 0
            END
          ) AS BIGINT) AS `exits_sei`
        FROM (
          SELECT
            `t37`.`code`,
            `t37`.`division`,
            `t37`.`is_sei`,
            `t37`.`y_month`,
            `t37`.`first`,
            `t37`.`years`,
            `t37`.`n`,
            `t29`.`p_year`,
            `t29`.`p_month`
          FROM (
            SELECT
              `t35`.`code`,
              `t35`.`division`,
              `t35`.`is_sei`,
              `t35`.`y_month`,
              `t35`.`first`,
              `t35`.`years`,
              COUNT(*) AS `n`
            FROM (
              SELECT
                `t34`.`y_code`,
                `t34`.`y_month`,
                `t34`.`first`,
                `t34`.`years`,
                `t20`.`credit_code`,
                `t20`.`code`,
                `t20`.`division`,
                `t20`.`base`,
                `t20`.`size`,
                `t20`.`sei_set`,
                `t20`.`is_sei`
              FROM (
                SELECT
                  `t32`.`credit_code` AS `y_code`,
                  `t32`.`end_month` AS `y_month`,
                  MIN(`t32`.`first`) AS `first`,
                  CAST(SUM(
                    CASE
                      WHEN 62 - (
                        `t32`.`year` - `t32`.`first`
                      ) BETWEEN 0 AND 62
                      THEN SHIFTRIGHT(4611686018427387904, (
                        62 - (
                          `t32`.`year` - `t32`.`first`
                        )
                      ))
                      ELSE 0
                    END
                  ) AS BIGINT) AS `years`
                FROM (
                  SELECT
                    `t16`.`credit_code`,
                    `t16`.`period`,
                    `t16`.`period_kind`,
                    `t16`.`year`,
                    `t16`.`start_month`,
                    `t16`.`end_month`,
                    `t16`.`revenue`,
                    `t16`.`value_added`,
                    `t16`.`value_added_prior`,
                    `t16`.`profit`,
                    `t16`.`rd_expenditure`,
                    `t16`.`employees`,
                    `t16`.`batch_id`,
                    `t16`.`vintage`,
                    `t16`.`is_current`,
                    `t31`.`first`
                  FROM (
                    SELECT
                      *
                    FROM `reports` AS `t1`
                    WHERE
                      `t1`.`is_current`
                      AND `t1`.`start_month` = 1
                      AND `t1`.`year` IN (2018, 2019)
                      AND `t1`.`end_month` IN (9)
                      AND (
                        `t1`.`year` * 100
                      ) + `t1`.`end_month` IN (201809, 201909)
                  ) AS `t16`
                  CROSS JOIN (
                    SELECT
                      MIN(`t27`.`p_year`) - 1 AS `first`
                    FROM `t25` AS `t27`
                  ) AS `t31`
                ) AS `t32`
                GROUP BY
                  1,
                  2
              ) AS `t34`
              INNER JOIN (
                SELECT
                  `t18`.`credit_code`,
                  `t18`.`code`,
                  `t18`.`division`,
                  `t18`.`base`,
                  `t18`.`size`,
                  COALESCE(`t18`.`sei_set`, 0) AS `sei_set`,
                  `t18`.`sei_set` IS NOT NULL AS `is_sei`
                FROM (
                  SELECT
                    `t11`.`credit_code`,
                    `t11`.`code`,
                    `t11`.`division`,
                    `t11`.`base`,
                    `t11`.`size`,
                    `t17`.`sei_set`
                  FROM (
                    SELECT
                      `t3`.`credit_code`,
                      `t3`.`region` AS `code`,
                      SUBSTRING(`t3`.`industry`, IF((
                        0 + 1
                      ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t3`.`industry`)), 2) AS `division`,
                      COALESCE(`t3`.`base`, '未填报') AS `base`,
                      COALESCE(`t3`.`size`, '未填报') AS `size`
                    FROM `enterprises` AS `t3`
                    WHERE
                      `t3`.`is_current`
                  ) AS `t11`
                  LEFT OUTER JOIN (
                    SELECT
                      `t8`.`s_code`,
                      1 AS `sei_set`
                    FROM (
                      SELECT DISTINCT
                        `t4`.`credit_code` AS `s_code`
                      FROM `enterprise_classifications` AS `t4`
                      WHERE
                        `t4`.`status` = 'assigned'
                    ) AS `t8`
                  ) AS `t17`
                    ON `t11`.`credit_code` = `t17`.`s_code`
                ) AS `t18`
              ) AS `t20`
                ON `t34`.`y_code` = `t20`.`credit_code`
            ) AS `t35`
            GROUP BY
              1,
              2,
              3,
              4,
              5,
              6
          ) AS `t37`
          INNER JOIN `t25` AS `t29`
            ON `t37`.`y_month` = `t29`.`p_month`
        ) AS `t38`
        GROUP BY
          1,
          2,
          3,
          4
      ) AS `t39`
      WHERE
        (
          (
            `t39`.`enterprises` > 0
          ) OR (
            `t39`.`exits` > 0
          )
        )
        AND `t39`.`enterprises` > 0
    ) AS `t41`
    LEFT OUTER JOIN (
      SELECT
        `t24`.`code` AS `code__s`,
        `t24`.`division` AS `division__s`,
        `t24`.`year` AS `year__s`,
        `t24`.`end_month` AS `end_month__s`,
        `t24`.`sei_va_comparable`,
        `t24`.`sei_va_prior_comparable`,
        `t24`.`sei_va`
      FROM `t23` AS `t24`
    ) AS `t28`
      ON `t41`.`code` = `t28`.`code__s`
      AND `t41`.`division` = `t28`.`division__s`
      AND `t41`.`year` = `t28`.`year__s`
      AND `t41`.`end_month` = `t28`.`end_month__s`
    INNER JOIN (
      SELECT
        *
      FROM `ind_dim_region` AS `t0`
      WHERE
        `t0`.`view` = 'reporting' AND `t0`.`level` = 'province'
    ) AS `t9`
      ON `t41`.`code` = `t9`.`code`
  ) AS `t42`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS `t43`
