SELECT
  `t18`.`view`,
  `t18`.`level`,
  `t18`.`region`,
  `t18`.`year`,
  `t18`.`end_month`,
  (
    `t18`.`sei_va` / NULLIF(`t18`.`above_scale_va`, 0)
  ) * 100.0 AS `sei_va_share_above_scale`
FROM (
  SELECT
    `t17`.`view`,
    `t17`.`level`,
    `t17`.`region`,
    `t17`.`year`,
    `t17`.`end_month`,
    SUM(`t17`.`sei_va`) AS `sei_va`,
    SUM(`t17`.`above_scale_va`) AS `above_scale_va`
  FROM (
    SELECT
      `t16`.`code`,
      `t16`.`year`,
      `t16`.`end_month`,
      `t16`.`sei_va`,
      `t16`.`above_scale_va`,
      `t8`.`view`,
      `t8`.`level`,
      `t8`.`region`,
      `t8`.`region_level`
    FROM (
      SELECT
        `t14`.`code`,
        `t14`.`year`,
        `t14`.`end_month`,
        SUM(CASE WHEN `t14`.`is_sei` THEN `t14`.`value_added` ELSE NULL END) AS `sei_va`,
        SUM(`t14`.`value_added`) AS `above_scale_va`
      FROM (
        SELECT
          `t13`.`credit_code`,
          `t13`.`code`,
          `t13`.`base`,
          `t13`.`size`,
          COALESCE(`t13`.`division`, '未填报') AS `division`,
          `t13`.`year`,
          `t13`.`end_month`,
          COALESCE(`t13`.`is_sei`, FALSE) AS `is_sei`,
          `t13`.`has_prev`,
          `t13`.`is_exit`,
          `t13`.`value_added`,
          `t13`.`value_added_prior`,
          CASE
            WHEN `t13`.`value_added` IS NOT NULL
            AND NOT ISNAN(`t13`.`value_added`)
            AND (
              `t13`.`value_added_prior` IS NOT NULL AND NOT ISNAN(`t13`.`value_added_prior`)
            )
            AND (
              CAST(NULL AS DOUBLE) IS NOT NULL AND NOT ISNAN(CAST(NULL AS DOUBLE))
            )
            THEN `t13`.`value_added` / (
              NULLIF(CAST(NULL AS DOUBLE), 0) / 100.0
            )
            ELSE NULL
          END AS `value_added_comparable`,
          CASE
            WHEN `t13`.`value_added` IS NOT NULL
            AND NOT ISNAN(`t13`.`value_added`)
            AND (
              `t13`.`value_added_prior` IS NOT NULL AND NOT ISNAN(`t13`.`value_added_prior`)
            )
            AND (
              CAST(NULL AS DOUBLE) IS NOT NULL AND NOT ISNAN(CAST(NULL AS DOUBLE))
            )
            THEN `t13`.`value_added_prior`
            ELSE NULL
          END AS `value_added_prior_comparable`,
          `t13`.`revenue`,
          `t13`.`profit`,
          `t13`.`rd_expenditure`,
          `t13`.`employees`
        FROM (
          SELECT
            `t9`.`credit_code`,
            `t9`.`year`,
            `t9`.`end_month`,
            `t9`.`value_added`,
            `t9`.`value_added_prior`,
            `t9`.`revenue`,
            `t9`.`profit`,
            `t9`.`rd_expenditure`,
            `t9`.`employees`,
            `t9`.`has_prev`,
            `t9`.`is_exit`,
            `t10`.`code`,
            `t10`.`division`,
            `t10`.`base`,
            `t10`.`size`,
            `t12`.`is_sei`
          FROM (
            SELECT
              `t1`.`credit_code`,
              `t1`.`year`,
              `t1`.`end_month`,
              `t1`.`value_added`,
              `t1`.`value_added_prior`,
              `t1`.`revenue`,
              `t1`.`profit`,
              `t1`.`rd_expenditure`,
              `t1`.`employees`,
              FALSE AS `has_prev`,
              FALSE AS `is_exit`
            FROM `reports` AS `t1`
            WHERE
              `t1`.`is_current` AND `t1`.`start_month` = 1
          ) AS `t9`
          INNER JOIN (
            SELECT
              `t2`.`credit_code`,
              `t2`.`region` AS `code`,
              SUBSTRING(`t2`.`industry`, IF((
                0 + 1
              ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t2`.`industry`)), 2) AS `division`,
              COALESCE(`t2`.`base`, '未填报') AS `base`,
              COALESCE(`t2`.`size`, '未填报') AS `size`
            FROM `enterprises` AS `t2`
            WHERE
              `t2`.`is_current`
          ) AS `t10`
            ON `t9`.`credit_code` = `t10`.`credit_code`
          LEFT OUTER JOIN (
            SELECT
              `t7`.`sei_code_`,
              TRUE AS `is_sei`
            FROM (
              SELECT DISTINCT
                `t3`.`credit_code` AS `sei_code_`
              FROM `enterprise_classifications` AS `t3`
              WHERE
                `t3`.`status` = 'assigned'
            ) AS `t7`
          ) AS `t12`
            ON `t9`.`credit_code` = `t12`.`sei_code_`
        ) AS `t13`
      ) AS `t14`
      GROUP BY
        1,
        2,
        3
    ) AS `t16`
    INNER JOIN (
      SELECT
        *
      FROM `ind_dim_region` AS `t0`
      WHERE
        `t0`.`view` = 'reporting' AND `t0`.`level` = 'city'
    ) AS `t8`
      ON `t16`.`code` = `t8`.`code`
  ) AS `t17`
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS `t18`
