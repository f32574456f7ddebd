-- An independent DuckDB computation of every value examples/levels/впр.soko computes, for
-- LevelsExampleTests: one row per (level, key, period, name) with a value or an outcome.
-- `$DIR` is replaced by the example's folder. Comparisons round both sides to 9 decimals, as
-- Soko does (Grammar.md, numbers).
CREATE MACRO num(x) AS TRY_CAST(replace(x, ',', '.') AS DOUBLE);
CREATE MACRO lt(a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE round(a, 9) < round(b, 9) END;
CREATE MACRO outcome(c) AS CASE WHEN c IS NULL THEN 'insufficient' WHEN c THEN 'fired' ELSE 'silent' END;

CREATE TABLE schools AS SELECT "Код ОО" AS school, num("Год")::INT AS year, "Муниципалитет" AS mun,
    num("Победители МЭ") AS winners, num("Участники РЭ") AS regional
  FROM read_csv('$DIR/школы.csv', delim = ';', header = true, all_varchar = true);
CREATE TABLE muns AS SELECT "Муниципалитет" AS mun, num("Год")::INT AS year, num("Число ОО") AS registered
  FROM read_csv('$DIR/муниципалитеты.csv', delim = ';', header = true, all_varchar = true);
CREATE TABLE ref AS SELECT "Предмет" AS subject, "Класс" AS grade, num("Год")::INT AS year,
    num("Средний балл") AS mean, num("Граница 4") AS b4
  FROM read_csv('$DIR/эталон.csv', delim = ';', header = true, all_varchar = true);
CREATE TABLE pupils AS SELECT p."ОО" AS school, num(p."Год")::INT AS year, num(p."Первичный балл") AS score,
    num(p."Отметка") AS mark, num(p."Отметка по журналу") AS journal, r.mean, r.b4
  FROM read_csv('$DIR/участники.csv', delim = ';', header = true, all_varchar = true) p
  LEFT JOIN ref r ON r.subject = p."Предмет" AND r.grade = p."Класс" AND r.year = num(p."Год")::INT;
CREATE TABLE teachers AS SELECT "ОО" AS school, num("Год")::INT AS year, num("Год ПК") AS trained
  FROM read_csv('$DIR/педагоги.csv', delim = ';', header = true, all_varchar = true);

CREATE MACRO share(c) AS avg(CASE WHEN c IS NULL THEN NULL WHEN c THEN 1.0 ELSE 0.0 END);

CREATE TABLE school_values AS
WITH p AS (
  SELECT s.school, s.year,
    share(p.mark = p.journal) AS confirmed,
    share(abs(p.mark - p.journal) >= 2) AS gaps,
    count(p.score) AS pupils,
    share(p.score = p.b4) AS at_bound,
    (share(p.score = p.b4 - 1) + share(p.score = p.b4 + 1)) / 2 AS near_bound,
    avg(p.score - p.mean) AS behind
  FROM schools s LEFT JOIN pupils p ON p.school = s.school AND p.year = s.year
  GROUP BY s.school, s.year
), t AS (
  SELECT s.school, s.year,
    avg(CASE WHEN t.trained IS NULL OR NOT (t.trained > 0) THEN NULL WHEN t.year - t.trained <= 3 THEN 1.0 ELSE 0.0 END) AS trained
  FROM schools s LEFT JOIN teachers t ON t.school = s.school AND t.year = s.year
  GROUP BY s.school, s.year
)
SELECT p.*, CASE WHEN near_bound = 0 THEN NULL ELSE at_bound / near_bound END AS peak, t.trained
FROM p JOIN t USING (school, year);

CREATE TABLE region AS SELECT year, avg(confirmed) AS confirmed FROM school_values GROUP BY year;

CREATE TABLE mun_values AS
WITH keys AS (SELECT DISTINCT mun, year FROM schools WHERE mun IS NOT NULL UNION SELECT mun, year FROM muns)
SELECT k.mun, k.year,
  (SELECT count(*) FILTER (WHERE v.pupils > 0) FROM schools s JOIN school_values v USING (school, year)
     WHERE s.mun = k.mun AND s.year = k.year) / m.registered AS coverage,
  (SELECT CASE WHEN sum(s.winners) = 0 THEN NULL ELSE sum(s.regional) / sum(s.winners) END
     FROM schools s WHERE s.mun = k.mun AND s.year = k.year) AS transfer
FROM keys k LEFT JOIN muns m USING (mun, year);

SELECT 'school' AS level, school AS key, year, name, value, result FROM (
  SELECT v.school, v.year, u.* FROM school_values v JOIN region r USING (year), LATERAL (VALUES
    ('подтверждение', v.confirmed, NULL),
    ('расхождения', v.gaps, NULL),
    ('участников', v.pupils, NULL),
    ('на_границе', v.at_bound, NULL),
    ('у_границы', v.near_bound, NULL),
    ('пик', v.peak, NULL),
    ('отрыв', v.behind, NULL),
    ('пк', v.trained, NULL),
    ('в_впр', CASE WHEN v.pupils > 0 THEN 1.0 ELSE 0.0 END, NULL),
    ('низкое_подтверждение', NULL, outcome(lt(v.confirmed, 0.8))),
    ('расхождения_с_журналом', NULL, outcome(lt(0.1, v.gaps))),
    ('пик_на_границе', NULL, CASE WHEN v.pupils < 10 THEN 'insufficient' ELSE outcome(NOT lt(v.peak, 3)) END),
    ('мало_пк', NULL, outcome(lt(v.trained, 0.7))),
    ('ниже_эталона', NULL, outcome(lt(v.behind, -3))),
    ('ниже_региона', NULL, outcome(lt(v.confirmed, r.confirmed - 0.15)))
  ) u(name, value, result)
)
UNION ALL
SELECT 'муниципалитеты', mun, year, name, value, result FROM (
  SELECT m.mun, m.year, u.* FROM mun_values m, LATERAL (VALUES
    ('охват_впр', m.coverage, NULL),
    ('переход', m.transfer, NULL),
    ('цель_охвата_впр', NULL, outcome(lt(m.coverage, 1.0))),
    ('цель_перехода_в_рэ', NULL, outcome(lt(m.transfer, 0.25)))
  ) u(name, value, result)
)
UNION ALL
SELECT 'all', '', year, 'подтверждение_в_регионе', confirmed, NULL FROM region
ORDER BY 1, 2, 3, 4;
