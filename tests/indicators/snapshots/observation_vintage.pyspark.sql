SELECT
  `t51`.`view`,
  `t51`.`level`,
  `t51`.`region`,
  `t51`.`year`,
  `t51`.`end_month`,
  `t51`.`enterprise_tech_centres`,
  (
    `t51`.`sei_va` / NULLIF(`t51`.`gdp`, 0)
  ) * 100.0 AS `sei_va_share_gdp`
FROM (
  SELECT
    `t50`.`view`,
    `t50`.`level`,
    `t50`.`region`,
    `t50`.`year`,
    `t50`.`end_month`,
    `t50`.`sei_va`,
    `t47`.`enterprise_tech_centres`,
    `t47`.`gdp`
  FROM (
    SELECT
      `t48`.`view`,
      `t48`.`level`,
      `t48`.`region`,
      `t48`.`year`,
      `t48`.`end_month`,
      SUM(`t48`.`sei_va`) AS `sei_va`
    FROM (
      SELECT
        `t45`.`code`,
        `t45`.`year`,
        `t45`.`end_month`,
        `t45`.`sei_va`,
        `t13`.`view`,
        `t13`.`level`,
        `t13`.`region`,
        `t13`.`region_level`
      FROM (
        SELECT
          `t42`.`code`,
          `t42`.`year`,
          `t42`.`end_month`,
          SUM(CASE WHEN `t42`.`is_sei` THEN `t42`.`value_added` ELSE NULL END) AS `sei_va`
        FROM (
          SELECT
            `t36`.`credit_code`,
            `t36`.`code`,
            COALESCE(`t36`.`division`, '未填报') AS `division`,
            `t36`.`base`,
            `t36`.`size`,
            `t36`.`is_sei`,
            `t36`.`sei_set`,
            `t36`.`year`,
            `t36`.`end_month`,
            `t36`.`value_added`,
            `t36`.`value_added_prior`,
            CASE
              WHEN `t36`.`value_added` IS NOT NULL
              AND NOT ISNAN(`t36`.`value_added`)
              AND (
                `t36`.`value_added_prior` IS NOT NULL AND NOT ISNAN(`t36`.`value_added_prior`)
              )
              AND (
                CAST(NULL AS DOUBLE) IS NOT NULL AND NOT ISNAN(CAST(NULL AS DOUBLE))
              )
              THEN `t36`.`value_added` / (
                NULLIF(CAST(NULL AS DOUBLE), 0) / 100.0
              )
              ELSE NULL
            END AS `value_added_comparable`,
            CASE
              WHEN `t36`.`value_added` IS NOT NULL
              AND NOT ISNAN(`t36`.`value_added`)
              AND (
                `t36`.`value_added_prior` IS NOT NULL AND NOT ISNAN(`t36`.`value_added_prior`)
              )
              AND (
                CAST(NULL AS DOUBLE) IS NOT NULL AND NOT ISNAN(CAST(NULL AS DOUBLE))
              )
              THEN `t36`.`value_added_prior`
              ELSE NULL
            END AS `value_added_prior_comparable`,
            `t36`.`revenue`,
            `t36`.`profit`,
            `t36`.`rd_expenditure`,
            `t36`.`employees`
          FROM (
            SELECT
              `t25`.`credit_code`,
              `t31`.`code`,
              `t31`.`division`,
              `t31`.`base`,
              `t31`.`size`,
              `t31`.`is_sei`,
              `t31`.`sei_set`,
              `t25`.`year`,
              `t25`.`end_month`,
              `t25`.`value_added`,
              `t25`.`value_added_prior`,
              `t25`.`revenue`,
              `t25`.`profit`,
              `t25`.`rd_expenditure`,
              `t25`.`employees`
            FROM (
              SELECT
                `t17`.`credit_code`,
                `t17`.`period`,
                `t17`.`period_kind`,
                `t17`.`year`,
                `t17`.`start_month`,
                `t17`.`end_month`,
                `t17`.`revenue`,
                `t17`.`value_added`,
                `t17`.`value_added_prior`,
                `t17`.`profit`,
                `t17`.`rd_expenditure`,
                `t17`.`employees`,
                `t17`.`batch_id`,
                `t17`.`vintage`,
                `t17`.`is_current`
              FROM (
                SELECT
                  `t8`.`credit_code`,
                  `t8`.`period`,
                  `t8`.`period_kind`,
                  `t8`.`year`,
                  `t8`.`start_month`,
                  `t8`.`end_month`,
                  `t8`.`revenue`,
                  `t8`.`value_added`,
                  `t8`.`value_added_prior`,
                  `t8`.`profit`,
                  `t8`.`rd_expenditure`,
                  `t8`.`employees`,
                  `t8`.`batch_id`,
                  `t8`.`vintage`,
                  `t8`.`is_current`,
                  ROW_NUMBER() OVER (
                    PARTITION BY `t8`.`credit_code`, `t8`.`period`
                    ORDER BY `t8`.`vintage` DESC, `t8`.`batch_id` DESC
                  ) - 1 AS `_rn`
                FROM (
                  SELECT
                    *
                  FROM `reports` AS `t1`
                  WHERE
                    `t1`.`vintage` <= CAST('2020-03-01T23:59:59' AS TIMESTAMP)
                ) AS `t8`
              ) AS `t17`
              WHERE
                `t17`.`_rn` = 0 AND `t17`.`start_month` = 1
            ) AS `t25`
            INNER JOIN (
              SELECT
                `t27`.`credit_code`,
                `t27`.`code`,
                `t27`.`division`,
                `t27`.`base`,
                `t27`.`size`,
                COALESCE(`t27`.`sei_set`, 0) AS `sei_set`,
                `t27`.`sei_set` IS NOT NULL AS `is_sei`
              FROM (
                SELECT
                  `t26`.`credit_code`,
                  `t26`.`code`,
                  `t26`.`division`,
                  `t26`.`base`,
                  `t26`.`size`,
                  `t16`.`sei_set`
                FROM (
                  SELECT
                    `t20`.`credit_code`,
                    `t20`.`region` AS `code`,
                    SUBSTRING(`t20`.`industry`, IF((
                      0 + 1
                    ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t20`.`industry`)), 2) AS `division`,
                    COALESCE(`t20`.`base`, '未填报') AS `base`,
                    COALESCE(`t20`.`size`, '未填报') AS `size`
                  FROM (
                    SELECT
                      `t11`.`credit_code`,
                      `t11`.`region`,
                      `t11`.`industry`,
                      `t11`.`base`,
                      `t11`.`size`,
                      `t11`.`batch_id`,
                      `t11`.`vintage`,
                      `t11`.`is_current`,
                      ROW_NUMBER() OVER (
                        PARTITION BY `t11`.`credit_code`
                        ORDER BY `t11`.`vintage` DESC, `t11`.`batch_id` DESC
                      ) - 1 AS `_rn`
                    FROM (
                      SELECT
                        *
                      FROM `enterprises` AS `t4`
                      WHERE
                        `t4`.`vintage` <= CAST('2020-03-01T23:59:59' AS TIMESTAMP)
                    ) AS `t11`
                  ) AS `t20`
                  WHERE
                    `t20`.`_rn` = 0
                ) AS `t26`
                LEFT OUTER JOIN (
                  SELECT
                    `t12`.`s_code`,
                    1 AS `sei_set`
                  FROM (
                    SELECT DISTINCT
                      `t5`.`credit_code` AS `s_code`
                    FROM `enterprise_classifications` AS `t5`
                    WHERE
                      `t5`.`status` = 'assigned'
                  ) AS `t12`
                ) AS `t16`
                  ON `t26`.`credit_code` = `t16`.`s_code`
              ) AS `t27`
            ) AS `t31`
              ON `t25`.`credit_code` = `t31`.`credit_code`
          ) AS `t36`
        ) AS `t42`
        GROUP BY
          1,
          2,
          3
      ) AS `t45`
      INNER JOIN (
        SELECT
          *
        FROM `ind_dim_region` AS `t0`
        WHERE
          `t0`.`view` = 'reporting' AND `t0`.`level` = 'province'
      ) AS `t13`
        ON `t45`.`code` = `t13`.`code`
    ) AS `t48`
    GROUP BY
      1,
      2,
      3,
      4,
      5
  ) AS `t50`
  LEFT OUTER JOIN (
    SELECT
      `t44`.`view` AS `view__j`,
      `t44`.`level` AS `level__j`,
      `t44`.`region` AS `region__j`,
      `t44`.`year` AS `year__j`,
      `t44`.`end_month` AS `end_month__j`,
      `t44`.`enterprise_tech_centres`,
      `t44`.`gdp`
    FROM (
      SELECT
        `t41`.`view`,
        `t41`.`level`,
        `t41`.`region`,
        `t41`.`year`,
        `t41`.`end_month`,
        MAX(
          CASE
            WHEN `t41`.`indicator` = 'enterprise_tech_centres'
            THEN `t41`.`value`
            ELSE NULL
          END
        ) AS `enterprise_tech_centres`,
        MAX(CASE WHEN `t41`.`indicator` = 'gdp' THEN `t41`.`value` ELSE NULL END) AS `gdp`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t37`.`view`,
            `t37`.`level`,
            `t37`.`region`,
            `t37`.`year`,
            `t37`.`end_month`,
            'enterprise_tech_centres' AS `indicator`,
            `t37`.`enterprise_tech_centres` AS `value`
          FROM (
            SELECT
              `t14`.`view`,
              `t14`.`level`,
              `t14`.`region`,
              `t34`.`year`,
              `t34`.`end_month`,
              `t34`.`value` AS `enterprise_tech_centres`
            FROM (
              SELECT
                `t28`.`region` AS `s_region`,
                `t28`.`year`,
                `t28`.`end_month`,
                CASE
                  WHEN `t28`.`unit` = '家'
                  THEN `t28`.`value` * 1.0
                  WHEN `t28`.`unit` = '十万家'
                  THEN `t28`.`value` * 100000.0
                  WHEN `t28`.`unit` = '百万家'
                  THEN `t28`.`value` * 1000000.0
                  WHEN `t28`.`unit` = '千万家'
                  THEN `t28`.`value` * 10000000.0
                  WHEN `t28`.`unit` = '万家'
                  THEN `t28`.`value` * 10000.0
                  WHEN `t28`.`unit` = '十亿家'
                  THEN `t28`.`value` * 1000000000.0
                  WHEN `t28`.`unit` = '百亿家'
                  THEN `t28`.`value` * 10000000000.0
                  WHEN `t28`.`unit` = '千亿家'
                  THEN `t28`.`value` * 100000000000.0
                  WHEN `t28`.`unit` = '亿家'
                  THEN `t28`.`value` * 100000000.0
                  WHEN `t28`.`unit` = '万亿家'
                  THEN `t28`.`value` * 1000000000000.0
                  ELSE NULL
                END AS `value`
              FROM (
                SELECT
                  `t22`.`indicator`,
                  `t22`.`region`,
                  `t22`.`period`,
                  `t22`.`period_kind`,
                  `t22`.`year`,
                  `t22`.`start_month`,
                  `t22`.`end_month`,
                  `t22`.`point_date`,
                  `t22`.`value`,
                  `t22`.`unit`,
                  `t22`.`published`,
                  `t22`.`batch_id`,
                  `t22`.`vintage`,
                  `t22`.`is_current`,
                  ROW_NUMBER() OVER (
                    PARTITION BY `t22`.`region`, `t22`.`year`, `t22`.`end_month`
                    ORDER BY `t22`.`start_month` ASC NULLS LAST, `t22`.`point_date` DESC, CASE WHEN `t22`.`indicator` = 'enterprise_tech_centres' THEN 0 ELSE NULL END ASC NULLS LAST
                  ) - 1 AS `_rn`
                FROM (
                  SELECT
                    `t18`.`indicator`,
                    `t18`.`region`,
                    `t18`.`period`,
                    `t18`.`period_kind`,
                    `t18`.`year`,
                    `t18`.`start_month`,
                    `t18`.`end_month`,
                    `t18`.`point_date`,
                    `t18`.`value`,
                    `t18`.`unit`,
                    `t18`.`published`,
                    `t18`.`batch_id`,
                    `t18`.`vintage`,
                    `t18`.`is_current`
                  FROM (
                    SELECT
                      `t9`.`indicator`,
                      `t9`.`region`,
                      `t9`.`period`,
                      `t9`.`period_kind`,
                      `t9`.`year`,
                      `t9`.`start_month`,
                      `t9`.`end_month`,
                      `t9`.`point_date`,
                      `t9`.`value`,
                      `t9`.`unit`,
                      `t9`.`published`,
                      `t9`.`batch_id`,
                      `t9`.`vintage`,
                      `t9`.`is_current`,
                      ROW_NUMBER() OVER (
                        PARTITION BY `t9`.`indicator`, `t9`.`region`, `t9`.`period`
                        ORDER BY `t9`.`vintage` DESC, `t9`.`batch_id` DESC
                      ) - 1 AS `_rn`
                    FROM (
                      SELECT
                        *
                      FROM `observations` AS `t2`
                      WHERE
                        `t2`.`vintage` <= CAST('2020-03-01T23:59:59' AS TIMESTAMP)
                    ) AS `t9`
                  ) AS `t18`
                  WHERE
                    `t18`.`_rn` = 0 AND `t18`.`indicator` IN ('enterprise_tech_centres')
                ) AS `t22`
              ) AS `t28`
              WHERE
                `t28`.`_rn` = 0
            ) AS `t34`
            INNER JOIN (
              SELECT DISTINCT
                `t0`.`view`,
                `t0`.`level`,
                `t0`.`region`
              FROM `ind_dim_region` AS `t0`
              WHERE
                `t0`.`view` = 'reporting'
                AND `t0`.`level` = 'province'
                AND `t0`.`region_level` = `t0`.`level`
            ) AS `t14`
              ON `t34`.`s_region` = `t14`.`region`
          ) AS `t37`
        ) AS `t39`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            `t38`.`view`,
            `t38`.`level`,
            `t38`.`region`,
            `t38`.`year`,
            `t38`.`end_month`,
            'gdp' AS `indicator`,
            `t38`.`gdp` AS `value`
          FROM (
            SELECT
              `t14`.`view`,
              `t14`.`level`,
              `t14`.`region`,
              `t35`.`year`,
              `t35`.`end_month`,
              `t35`.`value` AS `gdp`
            FROM (
              SELECT
                `t29`.`region` AS `s_region`,
                `t29`.`year`,
                `t29`.`end_month`,
                CASE
                  WHEN `t29`.`unit` = '元'
                  THEN `t29`.`value` * 0.0001
                  WHEN `t29`.`unit` = '十万元'
                  THEN `t29`.`value` * 10.0
                  WHEN `t29`.`unit` = '百万元'
                  THEN `t29`.`value` * 100.0
                  WHEN `t29`.`unit` = '千万元'
                  THEN `t29`.`value` * 1000.0
                  WHEN `t29`.`unit` = '万元'
                  THEN `t29`.`value` * 1.0
                  WHEN `t29`.`unit` = '十亿元'
                  THEN `t29`.`value` * 100000.0
                  WHEN `t29`.`unit` = '百亿元'
                  THEN `t29`.`value` * 1000000.0
                  WHEN `t29`.`unit` = '千亿元'
                  THEN `t29`.`value` * 10000000.0
                  WHEN `t29`.`unit` = '亿元'
                  THEN `t29`.`value` * 10000.0
                  WHEN `t29`.`unit` = '万亿元'
                  THEN `t29`.`value` * 100000000.0
                  WHEN `t29`.`unit` = '千元'
                  THEN `t29`.`value` * 0.1
                  ELSE NULL
                END AS `value`
              FROM (
                SELECT
                  `t23`.`region`,
                  `t23`.`period`,
                  `t23`.`period_kind`,
                  `t23`.`year`,
                  `t23`.`start_month`,
                  `t23`.`end_month`,
                  `t23`.`indicator`,
                  `t23`.`value`,
                  `t23`.`unit`,
                  `t23`.`batch_id`,
                  `t23`.`vintage`,
                  `t23`.`is_current`,
                  ROW_NUMBER() OVER (
                    PARTITION BY `t23`.`region`, `t23`.`year`, `t23`.`end_month`
                    ORDER BY `t23`.`start_month` ASC NULLS LAST, CASE
                      WHEN `t23`.`indicator` = 'GDP'
                      THEN 0
                      WHEN `t23`.`indicator` = '地区生产总值'
                      THEN 1
                      ELSE NULL
                    END ASC NULLS LAST
                  ) - 1 AS `_rn`
                FROM (
                  SELECT
                    `t19`.`region`,
                    `t19`.`period`,
                    `t19`.`period_kind`,
                    `t19`.`year`,
                    `t19`.`start_month`,
                    `t19`.`end_month`,
                    `t19`.`indicator`,
                    `t19`.`value`,
                    `t19`.`unit`,
                    `t19`.`batch_id`,
                    `t19`.`vintage`,
                    `t19`.`is_current`
                  FROM (
                    SELECT
                      `t10`.`region`,
                      `t10`.`period`,
                      `t10`.`period_kind`,
                      `t10`.`year`,
                      `t10`.`start_month`,
                      `t10`.`end_month`,
                      `t10`.`indicator`,
                      `t10`.`value`,
                      `t10`.`unit`,
                      `t10`.`batch_id`,
                      `t10`.`vintage`,
                      `t10`.`is_current`,
                      ROW_NUMBER() OVER (
                        PARTITION BY `t10`.`region`, `t10`.`period`, `t10`.`indicator`
                        ORDER BY `t10`.`vintage` DESC, `t10`.`batch_id` DESC
                      ) - 1 AS `_rn`
                    FROM (
                      SELECT
                        *
                      FROM `regional` AS `t3`
                      WHERE
                        `t3`.`vintage` <= CAST('2020-03-01T23:59:59' AS TIMESTAMP)
                    ) AS `t10`
                  ) AS `t19`
                  WHERE
                    `t19`.`_rn` = 0
                    AND `t19`.`indicator` IN ('GDP', '地区生产总值')
                    AND `t19`.`start_month` = 1
                    AND `t19`.`end_month` = 12
                ) AS `t23`
              ) AS `t29`
              WHERE
                `t29`.`_rn` = 0
            ) AS `t35`
            INNER JOIN (
              SELECT DISTINCT
                `t0`.`view`,
                `t0`.`level`,
                `t0`.`region`
              FROM `ind_dim_region` AS `t0`
              WHERE
                `t0`.`view` = 'reporting'
                AND `t0`.`level` = 'province'
                AND `t0`.`region_level` = `t0`.`level`
            ) AS `t14`
              ON `t35`.`s_region` = `t14`.`region`
          ) AS `t38`
        ) AS `t40`
      ) AS `t41`
      GROUP BY
        1,
        2,
        3,
        4,
        5
    ) AS `t44`
  ) AS `t47`
    ON `t50`.`view` = `t47`.`view__j`
    AND `t50`.`level` = `t47`.`level__j`
    AND `t50`.`region` = `t47`.`region__j`
    AND `t50`.`year` = `t47`.`year__j`
    AND `t50`.`end_month` = `t47`.`end_month__j`
) AS `t51`
