#!/usr/bin/env python3
"""Generates the example exports of the two preschool rule sets (sovetsky_doo, alexandrovsky_doo).

    python3 examples/tools/make_preschools.py     # writes examples/<set>/preschools.csv, SCENARIOS.md

Standard library only, fixed seeds. Column headers are read from rules/common/preschool.soko.
Most kindergartens are ordinary; a few are given a scenario so that every rule fires for some
of them and stays silent for most (SCENARIOS.md lists them).
"""

import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_examples import ROOT, YEARS, read_schema, write_csv  # noqa: E402

SCHEMA = read_schema(os.path.join(ROOT, "rules", "common", "preschool.soko"))

SETS = {
    "sovetsky_doo": {
        "name": "Советский ГО", "town": "г. Советска", "prefix": "3953", "count": 14, "seed": 155,
        "format": {"encoding": "utf-8", "delimiter": ";", "comma": True, "percent_sign": False},
        "scenarios": {
            2: [("targets", [2023])], 3: [("no_psych", [2024])], 4: [("speech", [2022, 2025])],
            5: [("ovz_conditions", [2024])], 6: [("staff", [2023, 2024])], 7: [("family_participation", [2025])],
            8: [("nutrition", [2024])], 9: [("accident", [2023])], 10: [("no_ovz", YEARS)],
            11: [("missing", [2024])],
        },
    },
    "alexandrovsky_doo": {
        "name": "Александровский район", "town": "г. Александрова", "prefix": "3354", "count": 18, "seed": 526,
        "format": {"encoding": "utf-8", "delimiter": ";", "comma": True, "percent_sign": True},
        "scenarios": {
            2: [("program", [2023, 2024])], 3: [("program", [2024])], 4: [("conditions", [2022])],
            5: [("aoop", [2025])], 6: [("family_satisfaction", [2024])], 7: [("sick", [2023])],
            8: [("no_ovz", YEARS)], 9: [("missing", [2025])],
        },
    },
}

DESCRIPTIONS = {
    "targets": "показатели муниципальной программы выполнены на 80 %",
    "no_psych": "психологическая служба и ППк не работают",
    "speech": "логопедическую помощь получает половина нуждающихся",
    "ovz_conditions": "специальные условия для воспитанников с ОВЗ не созданы",
    "staff": "не обеспечена потребность в двух педагогах со СПО",
    "family_participation": "в образовательной деятельности участвуют 15 % семей",
    "nutrition": "нарушения в организации питания по акту",
    "accident": "несчастный случай с воспитанником",
    "no_ovz": "воспитанников с ОВЗ нет (правила об ОВЗ не применяются)",
    "missing": "сведения мониторинга за год не представлены (пустые ячейки)",
    "program": "балл мониторинга образовательной программы ниже 70 %",
    "conditions": "балл мониторинга образовательных условий ниже 70 %",
    "aoop": "по АООП обучается половина воспитанников с ОВЗ",
    "family_satisfaction": "удовлетворённость родителей 58 %",
    "sick": "16 дней по болезни на воспитанника",
}


def base_row(number, year, spec, rng):
    children = rng.randint(60, 240)
    ovz = rng.randint(1, 6)
    speech = rng.randint(4, 18)
    return {
        "doo_id": f"{spec['prefix']}{number:02d}", "year": year,
        "doo_name": f"МАДОУ «Детский сад № {number}» {spec['town']}", "municipality": spec["name"],
        "children": children, "children_ovz": ovz, "ovz_aoop": ovz, "ovz_conditions": True,
        "program_score": round(rng.uniform(0.74, 0.92), 3), "conditions_score": round(rng.uniform(0.74, 0.92), 3),
        "psych_service": True, "speech_needed": speech, "speech_helped": speech, "staff_forecast_gap": 0,
        "family_satisfaction": round(rng.uniform(0.76, 0.93), 3),
        "family_participation": round(rng.uniform(0.35, 0.6), 3),
        "nutrition_violations": 0, "accidents": 0, "sick_days_doo": round(rng.uniform(7.0, 10.5), 1),
        "program_targets_met": 1.0,
    }


def apply(name, row):
    if name == "targets":
        row["program_targets_met"] = 0.8
    elif name == "no_psych":
        row["psych_service"] = False
    elif name == "speech":
        row["speech_helped"] = row["speech_needed"] // 2
    elif name == "ovz_conditions":
        row["ovz_conditions"] = False
    elif name == "staff":
        row["staff_forecast_gap"] = 2
    elif name == "family_participation":
        row["family_participation"] = 0.15
    elif name == "nutrition":
        row["nutrition_violations"] = 1
    elif name == "accident":
        row["accidents"] = 1
    elif name == "no_ovz":
        row["children_ovz"], row["ovz_aoop"], row["ovz_conditions"] = 0, 0, None
    elif name == "missing":
        for column in ("program_score", "conditions_score", "family_satisfaction", "family_participation",
                       "sick_days_doo", "program_targets_met", "psych_service", "speech_needed", "speech_helped",
                       "ovz_conditions", "ovz_aoop", "staff_forecast_gap", "nutrition_violations", "accidents"):
            row[column] = None
    elif name == "program":
        row["program_score"] = 0.62
    elif name == "conditions":
        row["conditions_score"] = 0.61
    elif name == "aoop":
        row["ovz_aoop"] = row["children_ovz"] // 2
    elif name == "family_satisfaction":
        row["family_satisfaction"] = 0.58
    elif name == "sick":
        row["sick_days_doo"] = 16.0
    else:
        raise ValueError(name)


def generate(key):
    spec = SETS[key]
    rng = random.Random(spec["seed"])
    rows = []
    for number in range(1, spec["count"] + 1):
        for year in YEARS:
            row = base_row(number, year, spec, rng)
            for name, years in spec["scenarios"].get(number, []):
                if year in years:
                    apply(name, row)
            rows.append(row)
    folder = os.path.join(ROOT, "examples", key)
    os.makedirs(folder, exist_ok=True)
    write_csv(os.path.join(folder, "preschools.csv"), SCHEMA, rows, spec["format"])
    lines = [f"# {spec['name']}, дошкольное образование: сценарии примера", "",
             "Файл `preschools.csv` создан скриптом `examples/tools/make_preschools.py` (фиксированное",
             "зерно). Большинство ДОО — обычные; у перечисленных ниже данные построены так, чтобы показать",
             "признак, который называет приказ.", "", "| Код ДОО | годы | что заложено |", "|---|---|---|"]
    for number in range(1, spec["count"] + 1):
        for name, years in spec["scenarios"].get(number, []):
            lines.append(f"| {spec['prefix']}{number:02d} | {', '.join(str(y) for y in years)} | {DESCRIPTIONS[name]} |")
    lines += ["", "«Недостаточно данных» — только у ДОО со сценарием «сведения не представлены» и у правил",
              "сравнения с прошлым годом, когда в прошлом году сведений не было (список ниже).", ""]
    with open(os.path.join(folder, "SCENARIOS.md"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    return len(rows)


def main():
    for key in SETS:
        print(f"{key}: {generate(key)} rows in preschools.csv")


if __name__ == "__main__":
    main()
