#!/usr/bin/env python3
"""How close the benchmark's rows come to the rule set's thresholds, in exact arithmetic.

    python3 bench/margins.py TABLE.csv [--expected DUCKDB_OUTPUT.csv] [--tolerance 1e-9]

Soko and DuckDB compute shares, group means and standard deviations in binary floating point,
and the order of a sum changes its last bits. A row whose exact margin to a threshold is zero
(a tie) or tiny can therefore fire in one program and not in the other. This script evaluates
the rule set of bench/reference.sql with fractions (cells are read as the decimals written),
and for each rule counts the rows that fire, the exact ties, and the rows within --tolerance.
With --expected it also lists the rows where DuckDB's output disagrees with exact arithmetic.
TABLE is a UTF-8, comma-separated table as sokogen writes it. Standard library only.
"""
import argparse
import csv
import sys
from collections import defaultdict
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 50

RULES = ["medal_risk", "vpr_high_outlier", "vpr_low_confirmation", "vpr_raised", "vpr_jump",
         "no_observers", "nonobjective_zone", "ege_fail", "oge_low", "low_results",
         "olymp_transfer_low", "pd_low", "mentoring_low"]
NONOBJECTIVE_SIGNS = RULES[:6]


def number(text):
    """A cell as an exact number, or None when it is empty."""
    return None if text == "" else Fraction(text)


def share(numerator, denominator):
    """numerator / denominator, missing when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def add(left, right):
    return None if left is None or right is None else left + right


def to_decimal(fraction):
    return Decimal(fraction.numerator) / Decimal(fraction.denominator)


def load(path):
    with open(path, encoding="utf-8", newline="") as table:
        reader = csv.DictReader(table)
        rows = []
        for cell in reader:
            value = {name: number(cell[name]) for name in (
                "medalists", "medalists_unconfirmed", "vpr_participants", "vpr_m4", "vpr_m5",
                "vpr_confirmed", "vpr_raised", "ege_participants", "ege_fail",
                "olymp_municipal_winners", "olymp_regional_participants", "teachers",
                "teachers_trained", "young_teachers", "young_teachers_mentored",
                "ege_mean_rus", "ege_mean_math", "oge_mean")}
            value["school_id"] = cell["school_id"]
            value["year"] = int(cell["year"])
            value["municipality"] = cell["municipality"]
            value["observers"] = {"да": True, "нет": False}.get(cell["observers_present"])
            value["high_share"] = share(add(value["vpr_m4"], value["vpr_m5"]), value["vpr_participants"])
            rows.append(value)
    return rows


def margins(rows):
    """For each row, each rule's margin: positive fires, zero is a tie (does not fire), None is
    unknown. Decimal margins are exact except for the standard deviation's square root."""
    groups = defaultdict(list)
    for row in rows:
        groups[(row["municipality"], row["year"])].append(row)
    group_stats = {}
    for key, members in groups.items():
        highs = [r["high_share"] for r in members if r["high_share"] is not None]
        oges = [r["oge_mean"] for r in members if r["oge_mean"] is not None]
        mean = sum(highs, Fraction(0)) / len(highs) if highs else None
        variance = sum(((x - mean) ** 2 for x in highs), Fraction(0)) / len(highs) if highs else None
        oge_mean = sum(oges, Fraction(0)) / len(oges) if oges else None
        group_stats[key] = (mean, variance, oge_mean)

    previous = {}
    for row in sorted(rows, key=lambda r: (r["school_id"], r["year"])):
        earlier = previous.get(row["school_id"])
        row["prev_high_share"] = earlier["high_share"] if earlier else None
        row["prev_year"] = earlier["year"] if earlier else None
        previous[row["school_id"]] = row

    def above(value, threshold):
        return None if value is None or threshold is None else to_decimal(value - threshold)

    def below(value, threshold):
        return None if value is None or threshold is None else to_decimal(threshold - value)

    result = []
    for row in rows:
        mean, variance, oge_group_mean = group_stats[(row["municipality"], row["year"])]
        m = {}
        m["medal_risk"] = above(share(row["medalists_unconfirmed"], row["medalists"]), Fraction(1, 10))
        x = row["high_share"]
        if x is None or mean is None:
            m["vpr_high_outlier"] = None
        else:
            m["vpr_high_outlier"] = to_decimal(x - mean) - 2 * to_decimal(variance).sqrt()
            # The square root is inexact: decide ties and signs by comparing squares.
            difference = x - mean
            if difference > 0 and difference * difference == 4 * variance:
                m["vpr_high_outlier"] = Decimal(0)
        m["vpr_low_confirmation"] = below(share(row["vpr_confirmed"], row["vpr_participants"]), Fraction(1, 2))
        m["vpr_raised"] = above(share(row["vpr_raised"], row["vpr_participants"]), Fraction(1, 5))
        if row["prev_year"] == row["year"] - 1 and x is not None and row["prev_high_share"] is not None:
            m["vpr_jump"] = to_decimal(x - row["prev_high_share"] - Fraction(1, 4))
        else:
            m["vpr_jump"] = None
        m["no_observers"] = None if row["observers"] is None else Decimal(-1 if row["observers"] else 1)
        m["ege_fail"] = above(share(row["ege_fail"], row["ege_participants"]), Fraction(1, 10))
        m["oge_low"] = below(row["oge_mean"], None if oge_group_mean is None else Fraction(9, 10) * oge_group_mean)
        winners = row["olymp_municipal_winners"]
        transfer = below(share(row["olymp_regional_participants"], winners), Fraction(1, 4))
        m["olymp_transfer_low"] = transfer if winners is not None and winners >= 4 else None
        m["pd_low"] = below(share(row["teachers_trained"], row["teachers"]), Fraction(33, 100))
        young = row["young_teachers"]
        mentored = below(share(row["young_teachers_mentored"], young), Fraction(1, 2))
        m["mentoring_low"] = mentored if young is not None and young >= 2 else None
        result.append(m)
    return result


def fired(rows, row_margins):
    """The set of (school_id, year, rule) that fire in exact arithmetic."""
    out = set()
    for row, m in zip(rows, row_margins):
        hits = {rule for rule, margin in m.items() if margin is not None and margin > 0}
        if len(hits & set(NONOBJECTIVE_SIGNS)) >= 2:
            hits.add("nonobjective_zone")
        rus, math = row["ege_mean_rus"], row["ege_mean_math"]
        if "ege_fail" in hits or (rus is not None and math is not None and rus < 55 and math < 40):
            hits.add("low_results")
        out |= {(row["school_id"], row["year"], rule) for rule in hits}
    return out


def main():
    parser = argparse.ArgumentParser(description="Exact margins of the benchmark rules.")
    parser.add_argument("table")
    parser.add_argument("--expected", help="DuckDB's output for TABLE, to compare with exact arithmetic")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    args = parser.parse_args()
    tolerance = Decimal(repr(args.tolerance))

    rows = load(args.table)
    row_margins = margins(rows)
    exact = fired(rows, row_margins)
    print(f"{args.table}: {len(rows)} rows, {len(exact)} fired rules in exact arithmetic")
    print(f"{'rule':22} {'fired':>7} {'ties':>6} {'near':>6}  closest non-zero margin")
    for rule in RULES:
        count = sum(1 for key in exact if key[2] == rule)
        values = [m[rule] for m in row_margins if m.get(rule) is not None]
        ties = sum(1 for v in values if v == 0)
        near = sum(1 for v in values if v != 0 and abs(v) < tolerance)
        closest = min((abs(v) for v in values if v != 0), default=None)
        shown = "-" if closest is None else f"{closest:.3e}"
        note = "" if values or rule in ("nonobjective_zone", "low_results") else "(no known values)"
        print(f"{rule:22} {count:7} {ties:6} {near:6}  {shown} {note}")
    print(f"ties: exact margin 0, does not fire; near: 0 < |margin| < {args.tolerance:g}")

    if args.expected:
        with open(args.expected, encoding="utf-8", newline="") as expected_file:
            reader = csv.DictReader(expected_file)
            duck = {(r["school_id"], int(r["year"]), r["rule"]) for r in reader}
        only_duck = sorted(duck - exact)
        only_exact = sorted(exact - duck)
        print(f"against {args.expected}: {len(only_duck)} fired only in DuckDB, {len(only_exact)} only in exact arithmetic")
        for key in (only_duck + only_exact)[:20]:
            print("  ", *key)
        return 1 if only_duck or only_exact else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
