-- The per-participant roll-up benchmark in DuckDB SQL (see README.md beside this file).
-- Reads $INPUT (`sokogen --participants`: one row per ВПР work), rolls the works up into
-- school indicators and writes one line per fired school rule to $OUTPUT:
--   school_id,rule,severity      sorted by school_id, rule
-- A share counts only the works whose journal mark is known and is missing when none is; a
-- comparison with a missing value does not fire; numbers are compared rounded to 9 decimals on
-- both sides, as Soko's decimal-faithful number rule does (Grammar.md).
CREATE TEMP TABLE w AS SELECT * FROM read_csv('$INPUT', header = true,
    types = {'school_id': 'VARCHAR', 'primary_score': 'INTEGER', 'mark': 'INTEGER', 'journal_mark': 'INTEGER'});

CREATE TEMP TABLE schools AS
SELECT school_id,
       count(*)                                                             AS works,
       count(journal_mark)                                                  AS with_journal,
       count(*) FILTER (WHERE mark = journal_mark)                          AS confirmed,
       count(*) FILTER (WHERE abs(mark - journal_mark) >= 2)                AS gaps,
       -- Works exactly at the lowest primary score of mark 3, and one point either side.
       count(*) FILTER (WHERE (subject = 'Русский язык' AND primary_score = 18) OR (subject = 'Математика' AND primary_score = 7)
                           OR (subject = 'История' AND primary_score = 4) OR (subject = 'Биология' AND primary_score = 12)) AS at_bound,
       count(*) FILTER (WHERE (subject = 'Русский язык' AND primary_score IN (17, 19)) OR (subject = 'Математика' AND primary_score IN (6, 8))
                           OR (subject = 'История' AND primary_score IN (3, 5)) OR (subject = 'Биология' AND primary_score IN (11, 13))) AS beside_bound
FROM w GROUP BY school_id;

CREATE TEMP TABLE ind AS
SELECT school_id, works,
       confirmed / NULLIF(with_journal, 0)       AS confirm_share,
       gaps / NULLIF(with_journal, 0)            AS gap_share,
       at_bound / NULLIF(beside_bound / 2, 0)    AS boundary_peak
FROM schools;

COPY (
  SELECT school_id, rule, severity FROM (
    SELECT school_id, 'low_confirmation' AS rule, 'medium' AS severity FROM ind WHERE ROUND(confirm_share, 9) < 0.6
    UNION ALL SELECT school_id, 'mark_gaps', 'high' FROM ind WHERE ROUND(gap_share, 9) > 0.05
    UNION ALL SELECT school_id, 'boundary_peak', 'medium' FROM ind WHERE ROUND(boundary_peak, 9) > 2 AND works >= 100
  ) ORDER BY school_id, rule
) TO '$OUTPUT' (HEADER, DELIMITER ',');
