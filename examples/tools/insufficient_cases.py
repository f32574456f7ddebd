#!/usr/bin/env python3
"""Lists where an expected report says "insufficient data" (and "not applicable"), grouped by
rule and reason, as a Markdown section appended to the municipality's SCENARIOS.md.

    python3 examples/tools/insufficient_cases.py examples/sovetsky   # reads expected.json

The reason is the rule's `require` text when the report gives one, otherwise the data columns
that were missing. Every case of the example reports is listed, so that a reader can check that
"insufficient data" appears only where a cell is empty or a sample is below a rule's minimum.
"""

import collections
import json
import os
import sys

OUTCOMES = {"insufficient_data": "недостаточно данных", "not_applicable": "не применяется"}


def span(years):
    return ", ".join(str(year) for year in sorted(years))


def main(folder):
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as handle:
        report = json.load(handle)
    cases = {kind: collections.OrderedDict() for kind in OUTCOMES}
    for entity in report["entities"]:
        for outcome in entity["rules"]:
            kind = outcome["outcome"]
            if kind not in OUTCOMES:
                continue
            reasons = outcome.get("reasons") or []
            missing = outcome.get("missing") or []
            if reasons:
                why = "; ".join(reasons)
            elif missing:
                why = "нет данных: " + ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
            else:
                why = "опирается на правило, которое в этом или прошлом году не оценено (мало участников или пустые ячейки — см. строки этого правила выше и ниже)"
            by_school = cases[kind].setdefault((outcome["rule"], why), collections.OrderedDict())
            by_school.setdefault(entity["key"], set()).add(entity["period"])
    lines = []
    for kind, title in OUTCOMES.items():
        if not cases[kind]:
            continue
        total = sum(len(years) for schools in cases[kind].values() for years in schools.values())
        lines += ["", f"## Все случаи «{title}» в отчёте ({total})", "",
                  "| правило | причина | ОО (годы) |", "|---|---|---|"]
        for (rule, why), schools in cases[kind].items():
            where = "; ".join(f"{key} ({span(years)})" for key, years in schools.items())
            lines.append(f"| `{rule}` | {why} | {where} |")
    path = os.path.join(folder, "SCENARIOS.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    marker = "\n## Все случаи"
    if marker in text:
        text = text[:text.index(marker)].rstrip("\n") + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
