-- Reference semantics of the benchmark rule set (see README.md beside this file), in DuckDB SQL.
-- Reads $INPUT (a table from sokogen or gen_schools.py), writes one line per fired rule to $OUTPUT:
--   school_id,year,rule,severity      sorted by school_id, year, rule
-- SQL's three-valued logic is the intended semantics: a comparison with a missing value is
-- unknown and does not fire; x / 0 is missing; "at least 2 of" counts only rules that fired.
-- Numbers follow Soko's decimal-faithful rule (Grammar.md §5.12): every comparison compares both
-- sides as ROUND(x, 9) (half away from zero, as DuckDB rounds a DOUBLE), so that 0.7 - 0.6 >= 0.1
-- holds here as it does in Soko. (Soko leaves values of 9e6 and more unrounded; none occur here.)
CREATE TEMP TABLE t AS SELECT * FROM read_csv('$INPUT', header = true, all_varchar = false,
    types = {'school_id': 'VARCHAR', 'observers_present': 'VARCHAR', 'video_present': 'VARCHAR', 'rural': 'VARCHAR'});

CREATE TEMP TABLE ind AS
SELECT school_id, year, municipality,
       medalists_unconfirmed / NULLIF(medalists, 0)                 AS medal_nonconfirmation,
       (vpr_m4 + vpr_m5) / NULLIF(vpr_participants, 0)              AS vpr_high_share,
       vpr_confirmed / NULLIF(vpr_participants, 0)                  AS vpr_confirm_share,
       vpr_raised / NULLIF(vpr_participants, 0)                     AS vpr_raised_share,
       ege_fail / NULLIF(ege_participants, 0)                       AS ege_fail_share,
       olymp_regional_participants / NULLIF(olymp_municipal_winners, 0) AS olymp_transfer,
       teachers_trained / NULLIF(teachers, 0)                       AS trained_share,
       young_teachers_mentored / NULLIF(young_teachers, 0)          AS mentored_share,
       ege_mean_rus, ege_mean_math, oge_mean, olymp_municipal_winners, young_teachers,
       CASE observers_present WHEN 'да' THEN TRUE WHEN 'нет' THEN FALSE END AS observers
FROM t;

CREATE TEMP TABLE stats AS
SELECT *,
       avg(vpr_high_share)         OVER g AS muni_vpr_high_mean,
       stddev_pop(vpr_high_share)  OVER g AS muni_vpr_high_sd,
       avg(oge_mean)               OVER g AS muni_oge_mean,
       lag(vpr_high_share) OVER (PARTITION BY school_id ORDER BY year) AS prev_vpr_high_share,
       lag(year)           OVER (PARTITION BY school_id ORDER BY year) AS prev_year
FROM ind WINDOW g AS (PARTITION BY municipality, year);

CREATE TEMP TABLE fired AS
SELECT *,
  COALESCE(ROUND(medal_nonconfirmation, 9) > ROUND(0.10, 9), FALSE)                AS r_medal_risk,
  COALESCE(ROUND(vpr_high_share, 9) > ROUND(muni_vpr_high_mean + 2 * muni_vpr_high_sd, 9), FALSE) AS r_vpr_high_outlier,
  COALESCE(ROUND(vpr_confirm_share, 9) < ROUND(0.5, 9), FALSE)                    AS r_vpr_low_confirmation,
  COALESCE(ROUND(vpr_raised_share, 9) > ROUND(0.20, 9), FALSE)                    AS r_vpr_raised,
  COALESCE(prev_year = year - 1 AND ROUND(vpr_high_share - prev_vpr_high_share, 9) > ROUND(0.25, 9), FALSE) AS r_vpr_jump,
  COALESCE(NOT observers, FALSE)                                                  AS r_no_observers,
  COALESCE(ROUND(ege_fail_share, 9) > ROUND(0.10, 9), FALSE)                      AS r_ege_fail,
  COALESCE(ROUND(oge_mean, 9) < ROUND(0.9 * muni_oge_mean, 9), FALSE)              AS r_oge_low,
  COALESCE(ROUND(olymp_municipal_winners, 9) >= ROUND(4, 9) AND ROUND(olymp_transfer, 9) < ROUND(0.25, 9), FALSE) AS r_olymp_transfer_low,
  COALESCE(ROUND(trained_share, 9) < ROUND(0.33, 9), FALSE)                       AS r_pd_low,
  COALESCE(ROUND(young_teachers, 9) >= ROUND(2, 9) AND ROUND(mentored_share, 9) < ROUND(0.5, 9), FALSE) AS r_mentoring_low,
  COALESCE((ROUND(ege_mean_rus, 9) < ROUND(55, 9) AND ROUND(ege_mean_math, 9) < ROUND(40, 9)), FALSE) AS low_ege_means
FROM stats;

COPY (
  SELECT school_id, year, rule, severity FROM (
    SELECT school_id, year, 'medal_risk' AS rule, 'high' AS severity FROM fired WHERE r_medal_risk
    UNION ALL SELECT school_id, year, 'vpr_high_outlier', 'medium' FROM fired WHERE r_vpr_high_outlier
    UNION ALL SELECT school_id, year, 'vpr_low_confirmation', 'medium' FROM fired WHERE r_vpr_low_confirmation
    UNION ALL SELECT school_id, year, 'vpr_raised', 'low' FROM fired WHERE r_vpr_raised
    UNION ALL SELECT school_id, year, 'vpr_jump', 'medium' FROM fired WHERE r_vpr_jump
    UNION ALL SELECT school_id, year, 'no_observers', 'low' FROM fired WHERE r_no_observers
    UNION ALL SELECT school_id, year, 'nonobjective_zone', 'high' FROM fired
      WHERE (r_medal_risk::INT + r_vpr_high_outlier::INT + r_vpr_low_confirmation::INT
             + r_vpr_raised::INT + r_vpr_jump::INT + r_no_observers::INT) >= 2
    UNION ALL SELECT school_id, year, 'ege_fail', 'high' FROM fired WHERE r_ege_fail
    UNION ALL SELECT school_id, year, 'oge_low', 'medium' FROM fired WHERE r_oge_low
    UNION ALL SELECT school_id, year, 'low_results', 'high' FROM fired WHERE low_ege_means OR r_ege_fail
    UNION ALL SELECT school_id, year, 'olymp_transfer_low', 'low' FROM fired WHERE r_olymp_transfer_low
    UNION ALL SELECT school_id, year, 'pd_low', 'low' FROM fired WHERE r_pd_low
    UNION ALL SELECT school_id, year, 'mentoring_low', 'low' FROM fired WHERE r_mentoring_low
  ) ORDER BY school_id, year, rule
) TO '$OUTPUT' (HEADER, DELIMITER ',');
