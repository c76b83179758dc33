WITH `t17` AS (
  SELECT
    `t10`.`credit_code`,
    `t16`.`eid`,
    `t16`.`code`,
    `t16`.`division`,
    `t16`.`base`,
    `t16`.`size`,
    `t16`.`is_sei`,
    `t16`.`sei_set`,
    `t10`.`year`,
    `t10`.`end_month`,
    `t10`.`value_added`,
    `t10`.`value_added_prior`,
    `t10`.`revenue`,
    `t10`.`profit`,
    `t10`.`rd_expenditure`,
    `t10`.`employees`
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
  ) AS `t10`
  INNER JOIN (
    SELECT
      `t14`.`credit_code`,
      `t14`.`code`,
      `t14`.`division`,
      `t14`.`base`,
      `t14`.`size`,
      `t14`.`eid`,
      COALESCE(`t14`.`sei_set`, 0) AS `sei_set`,
      `t14`.`sei_set` IS NOT NULL AS `is_sei`
    FROM (
      SELECT
        `t13`.`credit_code`,
        `t13`.`code`,
        `t13`.`division`,
        `t13`.`base`,
        `t13`.`size`,
        `t13`.`eid`,
        `t11`.`sei_set`
      FROM (
        SELECT
          `t5`.`credit_code`,
          `t5`.`code`,
          `t5`.`division`,
          `t5`.`base`,
          `t5`.`size`,
          ROW_NUMBER() OVER (ORDER BY `t5`.`credit_code` ASC NULLS LAST) - 1 AS `eid`
        FROM (
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
        ) AS `t5`
      ) AS `t13`
      LEFT OUTER JOIN (
        SELECT
          `t6`.`s_code`,
          1 AS `sei_set`
        FROM (
          SELECT DISTINCT
            `t3`.`credit_code` AS `s_code`
          FROM `enterprise_classifications` AS `t3`
          WHERE
            `t3`.`status` = 'assigned'
        ) AS `t6`
      ) AS `t11`
        ON `t13`.`credit_code` = `t11`.`s_code`
    ) AS `t14`
  ) AS `t16`
    ON `t10`.`credit_code` = `t16`.`credit_code`
)
SELECT
  *
FROM (
  SELECT
    `t37`.`view`,
    `t37`.`level`,
    `t37`.`region`,
    `t37`.`year`,
    `t37`.`end_month`,
    SUM(`t37`.`sei_enterprises`) AS `sei_enterprises`,
    SUM(`t37`.`sei_entries`) AS `sei_entries`,
    SUM(`t37`.`sei_exits`) AS `sei_exits`
  FROM (
    SELECT
      `t36`.`code`,
      `t36`.`year`,
      `t36`.`end_month`,
      `t36`.`sei_enterprises`,
      `t36`.`sei_entries`,
      `t36`.`sei_exits`,
      `t7`.`view`,
      `t7`.`level`,
      `t7`.`region`,
      `t7`.`region_level`
    FROM (
      SELECT
        `t34`.`code`,
        `t34`.`year`,
        `t34`.`end_month`,
        CASE
          WHEN BOOL_OR(NOT (
            `t34`.`is_exit`
          ))
          THEN SUM(CASE WHEN `t34`.`is_sei` AND NOT (
            `t34`.`is_exit`
          ) THEN 1 ELSE 0 END)
          ELSE NULL
        END AS `sei_enterprises`,
        CASE
          WHEN BOOL_OR(NOT (
            `t34`.`is_exit`
          ))
          THEN SUM(
            CASE
              WHEN `t34`.`is_sei` AND NOT (
                `t34`.`is_exit`
              ) AND NOT (
                `t34`.`has_prev`
              )
              THEN 1
              ELSE 0
            END
          )
          ELSE NULL
        END AS `sei_entries`,
        CASE
          WHEN BOOL_OR(`t34`.`is_exit`)
          THEN SUM(CASE WHEN `t34`.`is_sei` AND `t34`.`is_exit` THEN 1 ELSE 0 END)
          ELSE NULL
        END AS `sei_exits`
      FROM (
        SELECT
          `t33`.`credit_code`,
          `t33`.`eid`,
          `t33`.`code`,
          COALESCE(`t33`.`division`, '未填报') AS `division`,
          `t33`.`base`,
          `t33`.`size`,
          `t33`.`is_sei`,
          `t33`.`sei_set`,
          `t33`.`year`,
          `t33`.`end_month`,
          `t33`.`has_prev`,
          `t33`.`is_exit`,
          `t33`.`value_added`,
          `t33`.`value_added_prior`,
          CASE
            WHEN `t33`.`value_added` IS NOT NULL
            AND NOT ISNAN(`t33`.`value_added`)
            AND (
              `t33`.`value_added_prior` IS NOT NULL AND NOT ISNAN(`t33`.`value_added_prior`)
            )
            AND (
              CAST(NULL AS DOUBLE) IS NOT NULL AND NOT ISNAN(CAST(NULL AS DOUBLE))
            )
            THEN `t33`.`value_added` / (
              NULLIF(CAST(NULL AS DOUBLE), 0) / 100.0
            )
            ELSE NULL
          END AS `value_added_comparable`,
          CASE
            WHEN `t33`.`value_added` IS NOT NULL
            AND NOT ISNAN(`t33`.`value_added`)
            AND (
              `t33`.`value_added_prior` IS NOT NULL AND NOT ISNAN(`t33`.`value_added_prior`)
            )
            AND (
              CAST(NULL AS DOUBLE) IS NOT NULL AND NOT ISNAN(CAST(NULL AS DOUBLE))
            )
            THEN `t33`.`value_added_prior`
            ELSE NULL
          END AS `value_added_prior_comparable`,
          `t33`.`revenue`,
          `t33`.`profit`,
          `t33`.`rd_expenditure`,
          `t33`.`employees`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t30`.`credit_code`,
              `t30`.`eid`,
              `t30`.`code`,
              `t30`.`division`,
              `t30`.`base`,
              `t30`.`size`,
              `t30`.`is_sei`,
              `t30`.`sei_set`,
              `t30`.`year`,
              `t30`.`end_month`,
              `t30`.`value_added`,
              `t30`.`value_added_prior`,
              `t30`.`revenue`,
              `t30`.`profit`,
              `t30`.`rd_expenditure`,
              `t30`.`employees`,
              COALESCE(`t30`.`has_prev`, FALSE) AS `has_prev`,
              FALSE AS `is_exit`
            FROM (
              SELECT
                `t22`.`credit_code`,
                `t22`.`eid`,
                `t22`.`code`,
                `t22`.`division`,
                `t22`.`base`,
                `t22`.`size`,
                `t22`.`is_sei`,
                `t22`.`sei_set`,
                `t22`.`year`,
                `t22`.`end_month`,
                `t22`.`value_added`,
                `t22`.`value_added_prior`,
                `t22`.`revenue`,
                `t22`.`profit`,
                `t22`.`rd_expenditure`,
                `t22`.`employees`,
                `t28`.`has_prev`
              FROM (
                SELECT
                  *
                FROM `t17` AS `t18`
                WHERE
                  `t18`.`year` IN (2019)
                  AND `t18`.`end_month` IN (9)
                  AND (
                    `t18`.`year` * 100
                  ) + `t18`.`end_month` IN (201909)
              ) AS `t22`
              LEFT OUTER JOIN (
                SELECT
                  `t18`.`eid` AS `p_eid`,
                  CAST(`t18`.`year` + 1 AS INT) AS `p_year`,
                  `t18`.`end_month` AS `p_month`,
                  TRUE AS `has_prev`
                FROM `t17` AS `t18`
                WHERE
                  CAST(`t18`.`year` + 1 AS INT) IN (2019)
                  AND `t18`.`end_month` IN (9)
                  AND (
                    CAST(`t18`.`year` + 1 AS INT) * 100
                  ) + `t18`.`end_month` IN (201909)
              ) AS `t28`
                ON `t22`.`eid` = `t28`.`p_eid`
                AND `t22`.`year` = `t28`.`p_year`
                AND `t22`.`end_month` = `t28`.`p_month`
            ) AS `t30`
          ) AS `t32`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t27`.`credit_code`,
                `t27`.`eid`,
                `t27`.`code`,
                `t27`.`division`,
                `t27`.`base`,
                `t27`.`size`,
                `t27`.`is_sei`,
                `t27`.`sei_set`,
                `t27`.`year`,
                `t27`.`end_month`,
                CAST(NULL AS DOUBLE) AS `value_added`,
                CAST(NULL AS DOUBLE) AS `value_added_prior`,
                CAST(NULL AS DOUBLE) AS `revenue`,
                CAST(NULL AS DOUBLE) AS `profit`,
                CAST(NULL AS DOUBLE) AS `rd_expenditure`,
                CAST(NULL AS DOUBLE) AS `employees`,
                TRUE AS `has_prev`,
                TRUE AS `is_exit`
              FROM (
                SELECT
                  `t18`.`credit_code`,
                  `t18`.`eid`,
                  `t18`.`code`,
                  `t18`.`division`,
                  `t18`.`base`,
                  `t18`.`size`,
                  `t18`.`is_sei`,
                  `t18`.`sei_set`,
                  CAST(`t18`.`year` + 1 AS INT) AS `year`,
                  `t18`.`end_month`
                FROM `t17` AS `t18`
                WHERE
                  CAST(`t18`.`year` + 1 AS INT) IN (2019)
                  AND `t18`.`end_month` IN (9)
                  AND (
                    CAST(`t18`.`year` + 1 AS INT) * 100
                  ) + `t18`.`end_month` IN (201909)
              ) AS `t27`
              LEFT ANTI JOIN (
                SELECT
                  `t18`.`eid` AS `n_eid`,
                  `t18`.`year` AS `n_year`,
                  `t18`.`end_month` AS `n_month`
                FROM `t17` AS `t18`
                WHERE
                  `t18`.`year` IN (2019)
                  AND `t18`.`end_month` IN (9)
                  AND (
                    `t18`.`year` * 100
                  ) + `t18`.`end_month` IN (201909)
              ) AS `t23`
                ON `t27`.`eid` = `t23`.`n_eid`
                AND `t27`.`year` = `t23`.`n_year`
                AND `t27`.`end_month` = `t23`.`n_month`
              LEFT SEMI JOIN (
                SELECT DISTINCT
                  `t18`.`year` AS `q_year`,
                  `t18`.`end_month` AS `q_month`
                FROM `t17` AS `t18`
                WHERE
                  `t18`.`year` IN (2019)
                  AND `t18`.`end_month` IN (9)
                  AND (
                    `t18`.`year` * 100
                  ) + `t18`.`end_month` IN (201909)
              ) AS `t24`
                ON `t27`.`year` = `t24`.`q_year` AND `t27`.`end_month` = `t24`.`q_month`
            ) AS `t29`
          ) AS `t31`
        ) AS `t33`
      ) AS `t34`
      GROUP BY
        1,
        2,
        3
    ) AS `t36`
    INNER JOIN (
      SELECT
        *
      FROM `ind_dim_region` AS `t0`
      WHERE
        `t0`.`view` = 'reporting' AND `t0`.`level` = 'province'
    ) AS `t7`
      ON `t36`.`code` = `t7`.`code`
  ) AS `t37`
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS `t38`
