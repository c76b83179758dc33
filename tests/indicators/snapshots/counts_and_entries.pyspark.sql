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
    `t34`.`view`,
    `t34`.`level`,
    `t34`.`region`,
    `t34`.`year`,
    `t34`.`end_month`,
    SUM(`t34`.`sei_enterprises`) AS `sei_enterprises`,
    SUM(`t34`.`sei_entries`) AS `sei_entries`,
    SUM(`t34`.`sei_exits`) AS `sei_exits`
  FROM (
    SELECT
      `t33`.`code`,
      `t33`.`year`,
      `t33`.`end_month`,
      `t33`.`sei_enterprises`,
      `t33`.`sei_entries`,
      `t33`.`sei_exits`,
      `t7`.`view`,
      `t7`.`level`,
      `t7`.`region`,
      `t7`.`region_level`
    FROM (
      SELECT
        `t31`.`code`,
        `t31`.`year`,
        `t31`.`end_month`,
        CASE
          WHEN BOOL_OR(NOT (
            `t31`.`is_exit`
          ))
          THEN SUM(CASE WHEN `t31`.`is_sei` AND NOT (
            `t31`.`is_exit`
          ) THEN 1 ELSE 0 END)
          ELSE NULL
        END AS `sei_enterprises`,
        CASE
          WHEN BOOL_OR(NOT (
            `t31`.`is_exit`
          ))
          THEN SUM(
            CASE
              WHEN `t31`.`is_sei` AND NOT (
                `t31`.`is_exit`
              ) AND NOT (
                `t31`.`has_prev`
              )
              THEN 1
              ELSE 0
            END
          )
          ELSE NULL
        END AS `sei_entries`,
        CASE
          WHEN BOOL_OR(`t31`.`is_exit`)
          THEN SUM(CASE WHEN `t31`.`is_sei` AND `t31`.`is_exit` THEN 1 ELSE 0 END)
          ELSE NULL
        END AS `sei_exits`
      FROM (
        SELECT
          `t30`.`credit_code`,
          `t30`.`eid`,
          `t30`.`code`,
          COALESCE(`t30`.`division`, '未填报') AS `division`,
          `t30`.`base`,
          `t30`.`size`,
          `t30`.`is_sei`,
          `t30`.`sei_set`,
          `t30`.`year`,
          `t30`.`end_month`,
          `t30`.`has_prev`,
          `t30`.`is_exit`,
          `t30`.`value_added`,
          `t30`.`value_added_prior`,
          CASE
            WHEN `t30`.`value_added` IS NOT NULL
            AND NOT ISNAN(`t30`.`value_added`)
            AND (
              `t30`.`value_added_prior` IS NOT NULL AND NOT ISNAN(`t30`.`value_added_prior`)
            )
            AND (
              CAST(NULL AS DOUBLE) IS NOT NULL AND NOT ISNAN(CAST(NULL AS DOUBLE))
            )
            THEN `t30`.`value_added` / (
              NULLIF(CAST(NULL AS DOUBLE), 0) / 100.0
            )
            ELSE NULL
          END AS `value_added_comparable`,
          CASE
            WHEN `t30`.`value_added` IS NOT NULL
            AND NOT ISNAN(`t30`.`value_added`)
            AND (
              `t30`.`value_added_prior` IS NOT NULL AND NOT ISNAN(`t30`.`value_added_prior`)
            )
            AND (
              CAST(NULL AS DOUBLE) IS NOT NULL AND NOT ISNAN(CAST(NULL AS DOUBLE))
            )
            THEN `t30`.`value_added_prior`
            ELSE NULL
          END AS `value_added_prior_comparable`,
          `t30`.`revenue`,
          `t30`.`profit`,
          `t30`.`rd_expenditure`,
          `t30`.`employees`
        FROM (
          SELECT
            `t29`.`credit_code`,
            `t29`.`eid`,
            `t29`.`code`,
            `t29`.`division`,
            `t29`.`base`,
            `t29`.`size`,
            `t29`.`is_sei`,
            `t29`.`sei_set`,
            `t29`.`year`,
            `t29`.`end_month`,
            `t29`.`value_added`,
            `t29`.`value_added_prior`,
            `t29`.`revenue`,
            `t29`.`profit`,
            `t29`.`rd_expenditure`,
            `t29`.`employees`,
            `t29`.`has_prev`,
            `t29`.`is_exit`,
            `t23`.`q_present`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                COALESCE(`t21`.`credit_code`, `t25`.`p_credit_code`) AS `credit_code`,
                COALESCE(`t21`.`eid`, `t25`.`p_eid`) AS `eid`,
                COALESCE(`t21`.`code`, `t25`.`p_code`) AS `code`,
                COALESCE(`t21`.`division`, `t25`.`p_division`) AS `division`,
                COALESCE(`t21`.`base`, `t25`.`p_base`) AS `base`,
                COALESCE(`t21`.`size`, `t25`.`p_size`) AS `size`,
                COALESCE(`t21`.`is_sei`, `t25`.`p_is_sei`) AS `is_sei`,
                COALESCE(`t21`.`sei_set`, `t25`.`p_sei_set`) AS `sei_set`,
                COALESCE(`t21`.`year`, `t25`.`p_year`) AS `year`,
                COALESCE(`t21`.`end_month`, `t25`.`p_month`) AS `end_month`,
                `t21`.`value_added`,
                `t21`.`value_added_prior`,
                `t21`.`revenue`,
                `t21`.`profit`,
                `t21`.`rd_expenditure`,
                `t21`.`employees`,
                `t25`.`p_eid` IS NOT NULL AS `has_prev`,
                NOT (
                  `t21`.`eid` IS NOT NULL
                ) AS `is_exit`
              FROM `t17` AS `t21`
              FULL OUTER JOIN (
                SELECT
                  `t18`.`credit_code` AS `p_credit_code`,
                  `t18`.`eid` AS `p_eid`,
                  `t18`.`code` AS `p_code`,
                  `t18`.`division` AS `p_division`,
                  `t18`.`base` AS `p_base`,
                  `t18`.`size` AS `p_size`,
                  `t18`.`is_sei` AS `p_is_sei`,
                  `t18`.`sei_set` AS `p_sei_set`,
                  CAST(`t18`.`year` + 1 AS INT) AS `p_year`,
                  `t18`.`end_month` AS `p_month`
                FROM `t17` AS `t18`
                WHERE
                  CAST(`t18`.`year` + 1 AS INT) IN (2019)
                  AND `t18`.`end_month` IN (9)
                  AND (
                    CAST(`t18`.`year` + 1 AS INT) * 100
                  ) + `t18`.`end_month` IN (201909)
              ) AS `t25`
                ON `t21`.`eid` = `t25`.`p_eid`
                AND `t21`.`year` = `t25`.`p_year`
                AND `t21`.`end_month` = `t25`.`p_month`
            ) AS `t26`
            WHERE
              `t26`.`year` IN (2019)
              AND `t26`.`end_month` IN (9)
              AND (
                `t26`.`year` * 100
              ) + `t26`.`end_month` IN (201909)
          ) AS `t29`
          LEFT OUTER JOIN (
            SELECT
              `t20`.`q_year`,
              `t20`.`q_month`,
              TRUE AS `q_present`
            FROM (
              SELECT DISTINCT
                `t18`.`year` AS `q_year`,
                `t18`.`end_month` AS `q_month`
              FROM `t17` AS `t18`
            ) AS `t20`
          ) AS `t23`
            ON `t29`.`year` = `t23`.`q_year` AND `t29`.`end_month` = `t23`.`q_month`
        ) AS `t30`
        WHERE
          NOT (
            `t30`.`is_exit`
          ) OR (
            `t30`.`q_present` IS NOT NULL
          )
      ) AS `t31`
      GROUP BY
        1,
        2,
        3
    ) AS `t33`
    INNER JOIN (
      SELECT
        *
      FROM `ind_dim_region` AS `t0`
      WHERE
        `t0`.`view` = 'reporting' AND `t0`.`level` = 'province'
    ) AS `t7`
      ON `t33`.`code` = `t7`.`code`
  ) AS `t34`
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS `t35`
