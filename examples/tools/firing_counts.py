#!/usr/bin/env python3
"""Counts, per rule, how often it fired in an expected report — a check that every rule of a
municipality fires for at least one school and stays silent for most.

    python3 examples/tools/firing_counts.py examples/sovetsky   # reads expected.csv and expected.json

Fired lines are counted from the CSV report (one line per fired rule, school and year); the
list of rules and the "insufficient data" counts come from the JSON report. Exits with 1 when a
rule never fires or fires for more than half of the school-years.
"""

import csv
import json
import os
import sys


def main(folder):
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as handle:
        report = json.load(handle)
    entities = report["summary"]["entities"]
    fired = {rule["name"]: 0 for rule in report["rules"]}
    schools = {rule["name"]: set() for rule in report["rules"]}
    with open(os.path.join(folder, "expected.csv"), encoding="utf-8-sig", newline="") as handle:
        for line in csv.DictReader(handle):
            fired[line["rule"]] += 1
            schools[line["rule"]].add(next(iter(line.values())))
    by_rule = report["summary"]["by_rule"]
    problems = 0
    print(f"{os.path.basename(os.path.normpath(folder))}: {entities} school-years, "
          f"{report['summary']['flagged']} flagged")
    print(f"  {'rule':32} {'fired':>5} {'schools':>7} {'insufficient':>12}")
    level_rules = {}
    for level in report.get("levels", []):
        for entity in level["entities"]:
            for outcome in entity["rules"]:
                counts = level_rules.setdefault((level["level"], outcome["rule"]), [0, 0, 0])
                counts[0] += outcome["outcome"] == "fired"
                counts[1] += outcome["outcome"] == "insufficient_data"
                counts[2] += 1
    for rule in report["rules"]:
        name = rule["name"]
        if name not in fired or any(name == key[1] for key in level_rules):
            continue
        mark = ""
        if fired[name] == 0:
            mark = "  <- never fires"
            problems += 1
        elif fired[name] > entities / 2:
            mark = "  <- fires for most"
            problems += 1
        print(f"  {name:32} {fired[name]:5} {len(schools[name]):7} {by_rule[name]['insufficient_data']:12}{mark}")
    for (level, name), (count, insufficient, total) in level_rules.items():
        mark = ""
        if count == 0:
            mark = "  <- never fires"
            problems += 1
        print(f"  {name:32} {count:5} {'—':>7} {insufficient:12}  (уровень {level}: {total} строк){mark}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(max(main(folder) for folder in sys.argv[1:]))
