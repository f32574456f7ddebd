#!/usr/bin/env python3
"""Generates the example exports of the four municipal rule sets.

    python3 examples/tools/make_examples.py            # writes examples/<municipality>/*.csv

Standard library only, fixed seeds: the same files every run. For each municipality it writes

    examples/<municipality>/results.csv       one row per school and year (dataset `results`)
    examples/<municipality>/federal_list.csv  ФИС ОКО markers per school and year (`federal_list`)
    examples/<municipality>/SCENARIOS.md      which school was built to show which rule

Column headers are read from rules/common/datasets.soko and rules/common/federal_list.soko, so
the files always match the schema. Most schools are ordinary (values drawn around the region's
level); a few are given a scenario — a pattern the municipal order tells the department to look
for — so that every rule fires for at least one school and stays silent for most. Some cells are
left empty on purpose (missing data) and some schools are small (fewer than 20 participants), so
that reports also show "insufficient data".

The formats differ on purpose, as real exports do:
    sovetsky       UTF-8, `;` delimiter, decimal comma (Russian Excel "CSV (разделители — точка с запятой)")
    svetlogorsk    Windows-1251, `;`, decimal comma (an older Excel)
    malyshevsky    UTF-8 with BOM, `,`, decimal point
    alexandrovsky  UTF-8, `;`, decimal comma, percentages written with a `%` sign
"""

import csv
import io
import os
import random
import re

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
YEARS = [2022, 2023, 2024, 2025]


# --------------------------------------------------------------------------------------------
# The schema, read from the rule files
# --------------------------------------------------------------------------------------------

MEMBER = re.compile(r'^\s*(ключ|период|подпись|столбец)\s+(\w+)\s*(?::\s*(\w+))?\s+из\s+"([^"]*)"')


def read_schema(path):
    """[(name, type, header)] of the dataset declared in a .soko file, in declaration order."""
    columns = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            match = MEMBER.match(line)
            if match:
                role, name, kind, header = match.groups()
                kind = {"ключ": "текст", "период": "количество", "подпись": "текст"}.get(role, kind)
                columns.append((name, kind, header))
    return columns


RESULTS = read_schema(os.path.join(ROOT, "rules", "common", "datasets.soko"))
FEDERAL = read_schema(os.path.join(ROOT, "rules", "common", "federal_list.soko"))
UNITS = [name for name, _, _ in FEDERAL if re.match(r"fl_\d", name)]


# --------------------------------------------------------------------------------------------
# Municipalities: names, regional levels, formats, scenarios
# --------------------------------------------------------------------------------------------

# Regional values by year: ВПР «4–5» share, ВПР «2» share, basic and hard task completion (%),
# mean ОГЭ mark, mean ЕГЭ score in Russian.
REGIONS = {
    "Калининградская область": {
        2022: (0.452, 0.082, 68.4, 41.2, 3.74, 68.9), 2023: (0.458, 0.080, 69.0, 41.8, 3.76, 69.4),
        2024: (0.461, 0.078, 69.5, 42.3, 3.78, 70.1), 2025: (0.466, 0.077, 69.9, 42.6, 3.79, 70.4)},
    "Свердловская область": {
        2022: (0.438, 0.091, 66.9, 39.8, 3.69, 67.2), 2023: (0.441, 0.089, 67.3, 40.3, 3.70, 67.8),
        2024: (0.447, 0.087, 67.8, 40.9, 3.72, 68.3), 2025: (0.450, 0.086, 68.2, 41.1, 3.73, 68.6)},
    "Владимирская область": {
        2022: (0.429, 0.095, 66.1, 39.0, 3.66, 66.5), 2023: (0.433, 0.093, 66.6, 39.6, 3.68, 67.0),
        2024: (0.438, 0.091, 67.0, 40.1, 3.69, 67.6), 2025: (0.442, 0.090, 67.4, 40.4, 3.71, 68.0)},
}

VILLAGES = {
    "sovetsky": ["пос. Родники", "пос. Заречный", "пос. Большое Село", "пос. Малые Дворики",
                 "пос. Ржевское", "пос. Тимирязево", "пос. Жилино", "пос. Пограничный"],
    "svetlogorsk": ["п. Приморье", "п. Донское", "п. Лесное", "п. Отрадное", "п. Майское",
                    "п. Зори", "п. Марьинское", "п. Бобровое"],
    "malyshevsky": ["с. Изумруд", "п. Мариинск", "с. Каменка", "п. Асбестовский", "с. Глинское",
                    "п. Белокаменный", "с. Красноармейское", "п. Лесозаводской"],
    "alexandrovsky": ["с. Андреевское", "с. Бакшеево", "с. Лизуново", "п. Балакирево",
                      "с. Махра", "с. Ботово", "д. Следнево", "с. Годуново", "с. Ельцино",
                      "с. Каринское"],
}

MUNICIPALITIES = {
    "sovetsky": {
        "name": "Советский ГО", "region": "Калининградская область", "town": "г. Советска",
        "prefix": "3903", "schools": 30, "seed": 1155,
        "format": {"encoding": "utf-8", "delimiter": ";", "comma": True, "percent_sign": False},
    },
    "svetlogorsk": {
        "name": "Светлогорский ГО", "region": "Калининградская область", "town": "г. Светлогорска",
        "prefix": "3902", "schools": 24, "seed": 522,
        "format": {"encoding": "cp1251", "delimiter": ";", "comma": True, "percent_sign": False},
    },
    "malyshevsky": {
        "name": "Малышевский ГО", "region": "Свердловская область", "town": "р. п. Малышева",
        "prefix": "6600", "schools": 28, "seed": 2020,
        "format": {"encoding": "utf-8-sig", "delimiter": ",", "comma": False, "percent_sign": False},
    },
    "alexandrovsky": {
        "name": "Александровский район", "region": "Владимирская область", "town": "г. Александрова",
        "prefix": "3304", "schools": 36, "seed": 526,
        # In 2022 few municipal winners went on to the regional stage: the district target
        # «25 % победителей … в региональном этапе» is not met that year.
        "olymp_ratio": {2022: (0.05, 0.30)},
        "format": {"encoding": "utf-8", "delimiter": ";", "comma": True, "percent_sign": True},
    },
}

# Scenarios per municipality: school number (1-based) -> list of (scenario, years).
# Each scenario is a pattern the municipality's order names; SCENARIOS.md lists them.
SCENARIOS = {
    "sovetsky": {
        2: [("inflated_vpr", [2024])],
        3: [("journal_mismatch", [2023, 2024, 2025]), ("dkr_remarked", [2024, 2025]), ("video_gap", [2024])],
        4: [("vpr_jump", [2024])],
        5: [("easy_hard", [2025])],
        6: [("federal_list", [2023, 2025]), ("journal_mismatch", [2025])],
        7: [("oge_mismatch", [2024])],
        8: [("medal_unconfirmed", [2024]), ("medal_index", [2023, 2024])],
        9: [("observers_gap", [2025])],
        10: [("internal_external", [2023, 2024, 2025])],
        11: [("low_results", [2023, 2024, 2025]), ("low_social", YEARS)],
        12: [("low_results", [2024, 2025])],
        13: [("resilient", YEARS)],
        14: [("vpr_coverage", [2025])],
        15: [("olymp_transfer", [2024, 2025])],
        16: [("pd_gap", [2025]), ("head_pk_overdue", [2024, 2025])],
        17: [("young_unmentored", [2024])],
        18: [("small_school", YEARS)],
        19: [("missing_staff", [2023]), ("missing_social", [2024])],
        20: [("federal_list_missing", [2024])],
        21: [("low_social", YEARS)],
    },
    "svetlogorsk": {
        1: [("federal_list", [2022, 2023]), ("roadmap", [2022, 2023]), ("teacher_diag", [2022, 2023])],
        2: [("federal_list", [2022, 2023, 2024]), ("same_unit", [2022, 2023, 2024]),
            ("roadmap_missing", [2022]), ("no_teacher_diag", [2022]), ("roadmap", [2023, 2024])],
        3: [("journal_mismatch", [2024]), ("easy_hard", [2024]), ("roadmap_missing", [2024])],
        4: [("inflated_vpr", [2025])],
        5: [("vpr_jump", [2023])],
        6: [("oge_mismatch", [2024]), ("gia_risk", [2024])],
        7: [("internal_external", [2025])],
        8: [("subject_deficit", [2023, 2024])],
        9: [("teacher_competence", [2024])],
        10: [("vacancies", [2024, 2025])],
        11: [("small_school", YEARS)],
        12: [("federal_list_missing", [2025])],
        13: [("missing_staff", [2024])],
    },
    "malyshevsky": {
        2: [("vpr_not_taken", [2023])],
        3: [("vpr_coverage", [2024])],
        4: [("base_level", [2024]), ("gia_low", [2024])],
        5: [("high_level_low", YEARS)],
        6: [("inflated_vpr", [2025])],
        7: [("journal_mismatch", [2024]), ("no_objectivity_order", [2024])],
        8: [("vpr_jump", [2023])],
        9: [("medal_unconfirmed", [2025])],
        10: [("federal_list", [2022, 2024]), ("no_objectivity_order", [2024])],
        11: [("weak_head", [2024, 2025]), ("inspection", [2024])],
        12: [("pd_gap", [2023])],
        13: [("young_unmentored", [2025])],
        14: [("low_results", [2023, 2024, 2025]), ("low_social", YEARS)],
        15: [("low_results", [2024, 2025])],
        16: [("resilient", YEARS)],
        17: [("olymp_transfer", [2025])],
        18: [("small_school", YEARS)],
        19: [("missing_staff", [2022]), ("missing_social", [2025])],
        20: [("federal_list_missing", [2023])],
    },
    "alexandrovsky": {
        2: [("vpr_not_taken", [2024])],
        3: [("muni_procedures_missed", [2023])],
        4: [("func_literacy_missed", [2025])],
        5: [("olymp_muni_missed", [2024])],
        6: [("gia_incomplete", [2022, 2025])],
        7: [("olymp_transfer", [2023, 2024])],
        8: [("inflated_vpr", [2023])],
        9: [("journal_mismatch", [2025]), ("observers_gap", [2025])],
        10: [("vpr_jump", [2024])],
        11: [("oge_mismatch", [2024]), ("journal_mismatch", [2024])],
        12: [("medal_unconfirmed", [2024])],
        13: [("federal_list", [2023, 2024, 2025])],
        14: [("low_results", [2022, 2023, 2024, 2025]), ("worsening", [2024, 2025]), ("low_social", YEARS)],
        15: [("low_results", [2024, 2025])],
        16: [("top_school", YEARS)],
        17: [("weak_head", [2025]), ("no_reserve", [2025])],
        18: [("pd_gap", [2024]), ("young_unmentored", [2024, 2025])],
        19: [("small_school", YEARS)],
        20: [("missing_staff", [2023]), ("missing_social", [2022])],
        21: [("federal_list_missing", [2024])],
        22: [("no_reserve", [2023])],
    },
}

DESCRIPTIONS = {
    "inflated_vpr": "доля «4» и «5» по ВПР резко выше муниципалитета и региона",
    "journal_mismatch": "отметки по журналу не подтверждаются на ВПР (подтвердили меньше половины)",
    "dkr_remarked": "муниципальная комиссия изменила отметку в четверти перепроверенных работ ДКР",
    "video_gap": "часть процедур без видеонаблюдения",
    "observers_gap": "часть процедур без общественного наблюдения",
    "vpr_jump": "доля «4» и «5» по ВПР выросла за год на 25–30 п. п.",
    "easy_hard": "базовые задания ВПР хуже региона, задания повышенного уровня — лучше",
    "federal_list": "ОО в перечне ФИС ОКО с признаками необъективности",
    "same_unit": "те же класс и предмет в перечне ФИС ОКО год за годом",
    "federal_list_missing": "нет строки ФИС ОКО за год (данные не поступили)",
    "oge_mismatch": "половина выпускников получила на ОГЭ отметку ниже годовой",
    "medal_unconfirmed": "медалист не подтвердил медаль на ЕГЭ (балл ниже порога Приказа № 730)",
    "medal_index": "несколько медалистов не подтвердили медаль (индекс неподтверждения высокий)",
    "internal_external": "качество знаний по итогам года на 25–30 п. п. выше доли «4» и «5» ВПР",
    "low_results": "доля «2» по ВПР выше региональной на 12–15 п. п., ОГЭ ниже региона",
    "worsening": "результаты ШНОР продолжают ухудшаться",
    "low_social": "низкий индекс социального благополучия",
    "resilient": "низкий индекс социального благополучия при результатах не ниже региона",
    "top_school": "стабильно высокие объективные результаты",
    "vpr_coverage": "ВПР написали менее 90 % обучающихся параллелей",
    "vpr_not_taken": "ОО не участвовала во ВПР",
    "olymp_transfer": "победители муниципального этапа ВсОШ не участвуют в региональном",
    "pd_gap": "часть педагогов не проходила ПК более трёх лет",
    "head_pk_overdue": "руководитель не проходил ПК по управлению более трёх лет",
    "young_unmentored": "молодые педагоги без наставников",
    "small_school": "малокомплектная ОО: меньше 20 участников процедур",
    "missing_staff": "кадровые сведения не представлены (пустые ячейки)",
    "missing_social": "индекс социального благополучия не рассчитан (пустая ячейка)",
    "roadmap": "Дорожная карта ОУ утверждена",
    "roadmap_missing": "ОУ с необъективными результатами, Дорожная карта ОУ не утверждена",
    "teacher_diag": "диагностика предметных компетенций учителей проведена",
    "no_teacher_diag": "диагностика предметных компетенций учителей не проведена",
    "gia_risk": "доля «2» на ОГЭ около 20 % («группа риска»)",
    "subject_deficit": "базовые задания ВПР выполнены менее чем на 50 %",
    "teacher_competence": "40 % прошедших диагностику учителей ниже базового уровня",
    "vacancies": "три вакантные ставки педагогов",
    "base_level": "доля «2» по ВПР около 20 %",
    "gia_low": "доля «2» на ОГЭ и ЕГЭ ниже минимального балла выше 10 %",
    "high_level_low": "мало выпускников с 81–100 баллами ЕГЭ",
    "no_objectivity_order": "нет приказа об обеспечении объективности процедур",
    "weak_head": "низкие составляющие интегрального показателя руководителя",
    "inspection": "нарушения по актам надзора",
    "muni_procedures_missed": "муниципальные оценочные процедуры не проведены",
    "func_literacy_missed": "исследование функциональной грамотности не проведено",
    "olymp_muni_missed": "обучающиеся не участвовали в муниципальном этапе ВсОШ",
    "gia_incomplete": "не все выпускники участвовали в ГИА",
    "no_reserve": "резерв управленческих кадров не сформирован",
}


# --------------------------------------------------------------------------------------------
# Schools and their ordinary values
# --------------------------------------------------------------------------------------------

def clamp(x, low, high):
    return max(low, min(high, x))


def make_schools(key, spec, rng):
    """Per school: id, name, kind, size and two latent traits (quality, social index)."""
    villages = VILLAGES[key]
    schools = []
    kinds = ["СОШ"] * 14 + ["ООШ"] * 6 + ["Лицей", "Гимназия"]
    for number in range(1, spec["schools"] + 1):
        kind = kinds[(number * 7) % len(kinds)] if number > 3 else ["Гимназия", "СОШ", "Лицей"][number - 1]
        scenario_names = {name for name, _ in SCENARIOS[key].get(number, [])}
        if "small_school" in scenario_names:
            kind = "ООШ"
        if kind in ("Лицей", "Гимназия"):
            name = f"МАОУ «{kind} № {number}» {spec['town']}"
            quality = rng.uniform(0.70, 0.90)
            size = rng.randint(380, 720)
            social = rng.uniform(0.60, 0.85)
        elif kind == "СОШ":
            if number % 3 == 0:
                name = f"МБОУ «{villages[number % len(villages)]} СОШ»"
                size = rng.randint(160, 300)
                social = rng.uniform(0.30, 0.60)
            else:
                name = f"МАОУ СОШ № {number} {spec['town']}"
                size = rng.randint(350, 900)
                social = rng.uniform(0.45, 0.80)
            quality = rng.uniform(0.35, 0.70)
        else:
            name = f"МБОУ «{villages[number % len(villages)]} ООШ»"
            size = rng.randint(110, 180)
            quality = rng.uniform(0.30, 0.60)
            social = rng.uniform(0.25, 0.55)
        if "small_school" in scenario_names:
            size = rng.randint(35, 55)
        if "low_social" in scenario_names or "resilient" in scenario_names:
            social = rng.uniform(0.08, 0.16)
        if "resilient" in scenario_names or "top_school" in scenario_names:
            quality = rng.uniform(0.75, 0.85)
        if "low_results" in scenario_names:
            quality = rng.uniform(0.15, 0.25)
        schools.append({
            "number": number, "id": f"{spec['prefix']}{number:02d}", "name": name, "kind": kind,
            "size": size, "quality": quality, "social": social,
            "teachers": max(8, round(size / 13 + rng.uniform(-3, 3))),
        })
    return schools


def base_row(school, year, spec, rng):
    """Ordinary values for one school and year (no scenario)."""
    q45_reg, m2_reg, basic_reg, hard_reg, oge_reg, ege_reg = REGIONS[spec["region"]][year]
    quality = school["quality"]
    size = school["size"]
    has_ege = school["kind"] != "ООШ"
    row = {
        "school_id": school["id"], "year": year, "school_name": school["name"],
        "municipality": spec["name"], "school_type": school["kind"],
        "social_index": round(clamp(school["social"] + rng.uniform(-0.03, 0.03), 0.02, 0.98), 3),
    }
    # ВПР: grades 4–8 are about 45 % of pupils of a school with all levels.
    enrolled = max(8, round(size * rng.uniform(0.42, 0.48)))
    participants = round(enrolled * rng.uniform(0.93, 0.99))
    q45 = clamp(q45_reg + 0.30 * (quality - 0.5) + rng.gauss(0, 0.03), 0.12, 0.80)
    m2 = clamp(m2_reg - 0.10 * (quality - 0.5) + rng.gauss(0, 0.012), 0.01, 0.25)
    m5 = round(participants * q45 * rng.uniform(0.30, 0.40))
    m4 = round(participants * q45) - m5
    lowered = round(participants * rng.uniform(0.10, 0.20))
    confirmed = round(participants * rng.uniform(0.66, 0.80))
    confirmed = min(confirmed, participants - lowered)
    row.update({
        "vpr_enrolled": enrolled, "vpr_participants": participants,
        "vpr_m2": round(participants * m2), "vpr_m4": m4, "vpr_m5": m5,
        "vpr_lowered": lowered, "vpr_confirmed": confirmed,
        "vpr_q45_region": q45_reg, "vpr_m2_region": m2_reg,
        "vpr_basic_pct": round(clamp(basic_reg + 16 * (quality - 0.5) + rng.gauss(0, 2.0), 35, 95), 1) / 100,
        "vpr_basic_region_pct": basic_reg / 100,
        "vpr_hard_pct": round(clamp(hard_reg + 18 * (quality - 0.5) + rng.gauss(0, 2.5), 15, 85), 1) / 100,
        "vpr_hard_region_pct": hard_reg / 100,
        "annual_q45": round(clamp(q45 + rng.uniform(0.02, 0.12), 0.15, 0.95) * 100, 1) / 100,
    })
    # ГИА: grades 9 and 11.
    grade9 = max(4, round(size * rng.uniform(0.085, 0.10)))
    grade11 = round(size * rng.uniform(0.05, 0.07)) if has_ege else 0
    oge_mean = round(clamp(oge_reg + 0.55 * (quality - 0.5) + rng.gauss(0, 0.06), 3.0, 4.6), 2)
    row.update({
        "grads": grade9 + grade11, "grads_gia": grade9 + grade11,
        "oge_participants": grade9,
        "oge_m2": round(grade9 * clamp(0.05 - 0.06 * (quality - 0.5) + rng.gauss(0, 0.01), 0.0, 0.12)),
        "oge_below_annual": round(grade9 * rng.uniform(0.08, 0.22)),
        "oge_mean": oge_mean, "oge_mean_region": oge_reg,
        "annual_mean_9": round(oge_mean + rng.uniform(0.05, 0.30), 2),
    })
    if has_ege:
        high = clamp(0.10 + 0.30 * (quality - 0.5) + rng.gauss(0, 0.03), 0.0, 0.45)
        gold = rng.choice([0, 0, 1, 1, 2, 2, 3]) if grade11 >= 12 else rng.choice([0, 0, 1])
        silver = rng.choice([0, 1, 1, 2])
        row.update({
            "ege_participants": grade11,
            "ege_fail": round(grade11 * clamp(0.03 - 0.04 * (quality - 0.5) + rng.gauss(0, 0.01), 0, 0.08)),
            "ege_high": round(grade11 * high),
            "ege_mean_rus": round(clamp(ege_reg + 14 * (quality - 0.5) + rng.gauss(0, 2.0), 50, 88), 1),
            "ege_mean_rus_region": ege_reg,
            "medal_gold": gold, "medal_silver": silver,
            "gold_unconfirmed": 0, "silver_unconfirmed": 0,
            "gold_min_rus": rng.randint(74, 92) if gold else None,
            "gold_min_second": rng.randint(72, 90) if gold else None,
            "silver_min_rus": rng.randint(64, 85) if silver else None,
            "silver_min_second": rng.randint(62, 82) if silver else None,
        })
    else:
        row.update({
            "ege_participants": 0, "ege_fail": 0, "ege_high": 0, "ege_mean_rus": None,
            "ege_mean_rus_region": ege_reg, "medal_gold": 0, "medal_silver": 0,
            "gold_unconfirmed": 0, "silver_unconfirmed": 0,
            "gold_min_rus": None, "gold_min_second": None, "silver_min_rus": None, "silver_min_second": None,
        })
    procedures = rng.randint(6, 11)
    row.update({
        "dkr_rechecked": rng.randint(14, 30) if has_ege else rng.randint(6, 14),
        "dkr_remarked": rng.choice([0, 0, 0, 1, 1, 2]) if has_ege else rng.choice([0, 0, 0, 1]),
        "procedures_total": procedures, "procedures_observed": procedures, "procedures_video": procedures,
        "objectivity_order": True, "muni_procedures_done": True, "func_literacy_done": True,
        "roadmap_approved": None,
    })
    winners = rng.choice([0, 1, 2, 3, 4, 5, 6, 7]) if school["kind"] != "ООШ" else rng.choice([0, 0, 1, 2])
    if school["kind"] in ("Лицей", "Гимназия"):
        winners += rng.randint(4, 9)
    row.update({
        "olymp_muni_participants": winners + rng.randint(3, 20),
        "olymp_muni_winners": winners,
        "olymp_regional_participants": max(0, round(winners * rng.uniform(*spec.get("olymp_ratio", {}).get(year, (0.30, 0.60))))),
    })
    teachers = school["teachers"]
    young = rng.choice([0, 0, 1, 1, 2, 3])
    diag = round(teachers * rng.uniform(0.25, 0.45))
    row.update({
        "teachers": teachers, "teachers_trained_3y": teachers,
        "young_teachers": young, "young_mentored": young,
        "vacancies": rng.choice([0] * 9 + [1]) if teachers >= 20 else 0,
        "teachers_diag": diag, "teachers_diag_below": round(diag * rng.uniform(0.0, 0.15)),
        "head_pk_year": year - rng.randint(0, 2),
        "reserve_count": rng.randint(1, 3),
        "inspection_violations": 0,
        "noko_score": round(rng.uniform(0.74, 0.95), 3),
    })
    return row


# --------------------------------------------------------------------------------------------
# Scenarios: each changes a school's row for the given years
# --------------------------------------------------------------------------------------------

def set_q45(row, share, rng):
    n = row["vpr_participants"]
    total = round(n * share)
    row["vpr_m5"] = round(total * rng.uniform(0.38, 0.45))
    row["vpr_m4"] = total - row["vpr_m5"]
    row["vpr_m2"] = min(row["vpr_m2"], n - total)


def q45_of(row):
    return (row["vpr_m4"] + row["vpr_m5"]) / row["vpr_participants"]


def apply(name, row, previous, rng):
    """Applies one scenario to a row; `previous` is the same school's row of the year before."""
    n = row["vpr_participants"]
    if name == "inflated_vpr":
        set_q45(row, row["vpr_q45_region"] + rng.uniform(0.36, 0.40), rng)
        row["annual_q45"] = round(min(0.97, q45_of(row) + 0.05), 3)
    elif name == "journal_mismatch":
        row["vpr_confirmed"] = round(n * rng.uniform(0.36, 0.44))
        row["vpr_lowered"] = round(n * rng.uniform(0.42, 0.48))
    elif name == "dkr_remarked":
        row["dkr_rechecked"] = 20
        row["dkr_remarked"] = rng.choice([5, 6])
    elif name == "video_gap":
        row["procedures_video"] = row["procedures_total"] - 3
    elif name == "observers_gap":
        row["procedures_observed"] = row["procedures_total"] - 2
    elif name == "vpr_jump":
        base = q45_of(previous) if previous else row["vpr_q45_region"]
        set_q45(row, min(0.85, base + rng.uniform(0.27, 0.30)), rng)
        row["annual_q45"] = round(min(0.97, q45_of(row) + 0.06), 3)
    elif name == "easy_hard":
        row["vpr_basic_pct"] = round(row["vpr_basic_region_pct"] - rng.uniform(0.07, 0.09), 3)
        row["vpr_hard_pct"] = round(row["vpr_hard_region_pct"] + rng.uniform(0.13, 0.16), 3)
    elif name == "oge_mismatch":
        row["oge_below_annual"] = round(row["oge_participants"] * rng.uniform(0.48, 0.55))
        row["annual_mean_9"] = round(row["oge_mean"] + rng.uniform(0.60, 0.70), 2)
    elif name == "medal_unconfirmed":
        row["medal_gold"] = max(1, row["medal_gold"])
        row["gold_min_rus"] = row["gold_min_rus"] or 78
        row["gold_min_second"] = rng.randint(62, 67)
        row["gold_unconfirmed"] = 1
    elif name == "medal_index":
        row["medal_gold"], row["medal_silver"] = 2, 2
        row["gold_unconfirmed"], row["silver_unconfirmed"] = 1, 1
        row["gold_min_rus"], row["gold_min_second"] = 71, rng.randint(60, 66)
        row["silver_min_rus"], row["silver_min_second"] = 58, 63
    elif name == "internal_external":
        row["annual_q45"] = round(min(0.97, q45_of(row) + rng.uniform(0.25, 0.30)), 3)
    elif name == "low_results":
        row["vpr_m2"] = round(n * (row["vpr_m2_region"] + rng.uniform(0.13, 0.16)))
        total = min(round(n * q45_of(row)), n - row["vpr_m2"])
        row["vpr_m5"] = round(total * 0.25)
        row["vpr_m4"] = total - row["vpr_m5"]
        row["oge_mean"] = round(row["oge_mean_region"] - rng.uniform(0.40, 0.50), 2)
        row["annual_mean_9"] = round(row["oge_mean"] + rng.uniform(0.10, 0.25), 2)
        row["annual_q45"] = round(min(0.95, q45_of(row) + 0.05), 3)
    elif name == "worsening":
        if previous:
            row["vpr_m2"] = min(n, round(n * (previous["vpr_m2"] / previous["vpr_participants"] + 0.04)))
    elif name == "resilient":
        set_q45(row, row["vpr_q45_region"] + rng.uniform(0.04, 0.08), rng)
        row["vpr_m2"] = round(n * (row["vpr_m2_region"] - rng.uniform(0.02, 0.03)))
    elif name == "top_school":
        set_q45(row, row["vpr_q45_region"] + rng.uniform(0.16, 0.19), rng)
        row["vpr_m2"] = round(n * (row["vpr_m2_region"] - 0.04))
    elif name == "vpr_coverage":
        row["vpr_participants"] = round(row["vpr_enrolled"] * 0.78)
        scale = row["vpr_participants"] / n
        for column in ("vpr_m2", "vpr_m4", "vpr_m5", "vpr_lowered", "vpr_confirmed"):
            row[column] = round(row[column] * scale)
    elif name == "vpr_not_taken":
        for column in ("vpr_participants", "vpr_m2", "vpr_m4", "vpr_m5", "vpr_lowered", "vpr_confirmed"):
            row[column] = 0
        for column in ("vpr_basic_pct", "vpr_hard_pct"):
            row[column] = None
    elif name == "olymp_transfer":
        row["olymp_muni_winners"] = 6
        row["olymp_regional_participants"] = 0
        row["olymp_muni_participants"] = max(row["olymp_muni_participants"], 12)
    elif name == "pd_gap":
        row["teachers_trained_3y"] = row["teachers"] - rng.randint(4, 7)
    elif name == "head_pk_overdue":
        row["head_pk_year"] = 2019
    elif name == "young_unmentored":
        row["young_teachers"] = 4
        row["young_mentored"] = 1
    elif name == "small_school":
        pass  # the size was set when the school was made
    elif name == "missing_staff":
        for column in ("teachers", "teachers_trained_3y", "young_teachers", "young_mentored", "vacancies",
                       "teachers_diag", "teachers_diag_below", "head_pk_year", "reserve_count"):
            row[column] = None
    elif name == "missing_social":
        row["social_index"] = None
    elif name == "roadmap":
        row["roadmap_approved"] = True
    elif name == "roadmap_missing":
        row["roadmap_approved"] = False
    elif name == "teacher_diag":
        pass
    elif name == "no_teacher_diag":
        row["teachers_diag"] = 0
        row["teachers_diag_below"] = 0
    elif name == "gia_risk":
        row["oge_m2"] = round(row["oge_participants"] * 0.2)
    elif name == "subject_deficit":
        row["vpr_basic_pct"] = round(rng.uniform(0.44, 0.47), 3)
    elif name == "teacher_competence":
        row["teachers_diag"] = 10
        row["teachers_diag_below"] = 4
    elif name == "vacancies":
        row["vacancies"] = 3
    elif name == "base_level":
        row["vpr_m2"] = round(n * 0.20)
    elif name == "gia_low":
        row["oge_m2"] = round(row["oge_participants"] * 0.16)
        row["ege_fail"] = max(row["ege_fail"], round(row["ege_participants"] * 0.14))
    elif name == "high_level_low":
        row["ege_high"] = 0
    elif name == "no_objectivity_order":
        row["objectivity_order"] = False
    elif name == "weak_head":
        row["reserve_count"] = 0
        row["head_pk_year"] = 2018
        row["noko_score"] = 0.55
        row["inspection_violations"] = row["inspection_violations"] or 1
        row["teachers_trained_3y"] = (row["teachers"] or 0) - 5
        row["ege_high"] = 0
    elif name == "inspection":
        row["inspection_violations"] = 3
    elif name == "muni_procedures_missed":
        row["muni_procedures_done"] = False
    elif name == "func_literacy_missed":
        row["func_literacy_done"] = False
    elif name == "olymp_muni_missed":
        row["olymp_muni_participants"] = 0
        row["olymp_muni_winners"] = 0
        row["olymp_regional_participants"] = 0
    elif name == "gia_incomplete":
        row["grads_gia"] = row["grads"] - 2
    elif name == "no_reserve":
        row["reserve_count"] = 0
    elif name in ("federal_list", "same_unit", "federal_list_missing", "low_social"):
        pass  # handled in the federal list or when the school was made
    else:
        raise ValueError(f"unknown scenario {name}")


def federal_row(school, year, scenarios, rng):
    """The ФИС ОКО row of a school and year, or None when the data did not arrive."""
    active = {name for name, years in scenarios if year in years}
    if "federal_list_missing" in active:
        return None
    row = {"fl_school_id": school["id"], "fl_year": year, "fl_listed": False}
    if "federal_list" in active:
        row["fl_listed"] = True
        if "same_unit" in active:
            marked = ["fl_5_ma", "fl_6_ru"]
        else:
            marked = rng.sample(UNITS, 2)
        for unit in marked:
            row[unit] = 1
    return row


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

def cell(value, kind, fmt):
    """A value as a Russian or plain export writes it."""
    if value is None:
        return ""
    if kind == "флаг":
        return "да" if value else "нет"
    if kind in ("текст",):
        return str(value)
    if kind == "количество":
        return str(int(value))
    if kind == "процент":
        text = f"{value * 100:.1f}"
    else:
        text = f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    if fmt["comma"]:
        text = text.replace(".", ",")
    if kind == "процент" and fmt["percent_sign"]:
        text += "%"
    return text


def write_csv(path, schema, rows, fmt):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=fmt["delimiter"], lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([header for _, _, header in schema])
    for row in rows:
        writer.writerow([cell(row.get(name), kind, fmt) for name, kind, _ in schema])
    with open(path, "w", encoding=fmt["encoding"], newline="") as handle:
        handle.write(buffer.getvalue())


def write_scenarios(path, key, spec, schools):
    lines = [f"# {spec['name']}: сценарии примера", "",
             "Файлы `results.csv` и `federal_list.csv` созданы скриптом `examples/tools/make_examples.py`",
             "(фиксированное зерно). Большинство ОО — обычные; у перечисленных ниже ОО данные построены так,",
             "чтобы показать признак, который называет приказ муниципалитета.", "",
             "| Код ОО | ОО | годы | что заложено |", "|---|---|---|---|"]
    for school in schools:
        for name, years in SCENARIOS[key].get(school["number"], []):
            span = ", ".join(str(y) for y in years)
            lines.append(f"| {school['id']} | {school['name']} | {span} | {DESCRIPTIONS[name]} |")
    lines.append("")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


def generate(key):
    spec = MUNICIPALITIES[key]
    rng = random.Random(spec["seed"])
    schools = make_schools(key, spec, rng)
    results, federal = [], []
    for school in schools:
        scenarios = SCENARIOS[key].get(school["number"], [])
        previous = None
        for year in YEARS:
            row = base_row(school, year, spec, rng)
            for name, years in scenarios:
                if year in years:
                    apply(name, row, previous, rng)
            # Blank cells that exports often have: a school without a social index this year,
            # a missing НОКО score (the assessment runs once in three years).
            if rng.random() < 0.04:
                row["noko_score"] = None
            results.append(row)
            fl = federal_row(school, year, scenarios, rng)
            if fl:
                federal.append(fl)
            previous = row
    folder = os.path.join(ROOT, "examples", key)
    os.makedirs(folder, exist_ok=True)
    write_csv(os.path.join(folder, "results.csv"), RESULTS, results, spec["format"])
    write_csv(os.path.join(folder, "federal_list.csv"), FEDERAL, federal, spec["format"])
    write_scenarios(os.path.join(folder, "SCENARIOS.md"), key, spec, schools)
    return len(schools), len(results), len(federal)


def main():
    for key in MUNICIPALITIES:
        schools, rows, fl_rows = generate(key)
        print(f"{key}: {schools} schools, {rows} rows in results.csv, {fl_rows} rows in federal_list.csv")


if __name__ == "__main__":
    main()
