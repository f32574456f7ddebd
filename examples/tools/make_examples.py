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
import datetime
import io
import os
import random
import re

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
YEARS = [2022, 2023, 2024, 2025]


# --------------------------------------------------------------------------------------------
# The schema, read from the rule files
# --------------------------------------------------------------------------------------------

MEMBER = re.compile(r'^\s*(ключ|период|подпись|столбец)\s+(\w+)\s*(?::\s*(\w+))?(?:\s+"[^"]*")?\s+из\s+"([^"]*)"')


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


def read_dataset(path, name):
    """[(name, type, header)] of one dataset of a .soko file that declares several."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    start = text.index(f"таблица {name} ")
    block = text[start:text.index("\n}", start)]
    columns = []
    for line in block.splitlines():
        match = MEMBER.match(line)
        if match:
            role, col, kind, header = match.groups()
            kind = {"ключ": "текст", "период": "количество", "подпись": "текст"}.get(role, kind)
            columns.append((col, kind, header))
    return columns


RESULTS = read_dataset(os.path.join(ROOT, "rules", "common", "datasets.soko"), "results")
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
        17: [("weak_head", [2024, 2025]), ("no_reserve", [2025])],
        18: [("pd_gap", [2024]), ("young_unmentored", [2024, 2025])],
        19: [("small_school", YEARS)],
        20: [("missing_staff", [2023]), ("missing_social", [2022])],
        21: [("federal_list_missing", [2024])],
        22: [("no_reserve", [2023])],
    },
}


def bads(rules, years):
    return [("bad:" + rule, years) for rule in rules]


# Schools and years for the rules that read the columns added in 2026: each rule fires for a
# few schools; «меры не дали результата» / «меры дали результат» need a sign two years running
# at one school and a sign that is gone the next year at another.
EXTRA_SCENARIOS = {
    "sovetsky": {
        22: [("weak_head", [2024])] + bads(["analysis_late"], [2023]) + bads(["briefing_late"], [2025]),
        23: bads(["olymp_winners_high"], [2023]) + bads(["olymp_winners_drop"], [2024]),
        24: bads(["staff_untrained", "zks_missing", "vpr_recheck_remarked", "oop_expertise_missing", "olymp_rescored_high"], [2022]),
        25: bads(["expert_teachers_none", "observers_untrained", "self_review_missing", "positive_attitude_missing", "func_literacy_low"], [2023]),
        26: bads(["sample_missed", "individualization_absent", "noko_overdue", "quality_team_untrained"], [2024]),
        27: bads(["func_literacy_missed", "head_not_attested", "inspection_found", "teacher_diag_none"], [2025]),
        28: bads(["teacher_competence_low", "pk_unmet", "network_low", "method_work_low"], [2024]),
        29: bads(["vacancy_high", "gifted_program_missing", "dop_coverage_low", "career_projects_low"], [2023]),
        30: bads(["upbringing_low", "gto_none", "satisfaction_low", "truancy_high"], [2022]),
        # «lowered_results»: the same change as «low_results» for one year, without making the school
        # weak from the start (the school's traits, and so every other school's data, stay as they were).
        21: bads(["spt_risk_high", "ovz_unsupported", "sick_days_high"], [2025]) + [("lowered_results", [2024])],
        11: bads(["help_plan_missing"], [2025]),
    },
    "svetlogorsk": {
        1: bads(["practice_not_shared"], [2025]) + bads(["roadmap_late", "responsible_late"], [2022]),
        2: bads(["responsible_missing"], [2022]) + bads(["seminars_missing"], [2024]) + bads(["report_late"], [2023]),
        3: bads(["mo_control_missing"], [2024]),
        14: bads(["muni_deficit"], [2023]),
        15: bads(["subject_gap"], [2024]),
    },
    "malyshevsky": {
        21: [("journal_mismatch", [2023, 2024]), ("no_objectivity_order", [2023, 2024])],
        22: [("base_level", [2023, 2024])],
        23: [("weak_head", [2023])],
        24: [("low_results", [2022, 2023])],
        11: bads(["decision_missing"], [2025]),
        25: bads(["regional_procedures_missed", "func_literacy_missed", "portfolio_low", "results_not_published"], [2022]),
        26: bads(["quality_team_untrained", "dkr11_missed", "sample_missed", "individualization_absent"], [2023]),
        27: bads(["gia_orders_missing", "objectivity_measures_missing", "positive_attitude_missing", "parent_observers_none"], [2024]),
        28: bads(["head_not_attested", "teacher_diag_none", "pk_plan_bad", "pk_unmet"], [2025]),
        12: bads(["teacher_competence_low", "attest_help_gap", "method_help_none", "method_work_low"], [2024]),
        13: bads(["pk_after_diag_gap", "teacher_contests_none", "conflicts_unmediated", "olymp_school_none"], [2023]),
        16: bads(["contest_none", "gifted_teachers_untrained", "gifted_bank_empty", "career_tested_low"], [2022]),
        17: bads(["career_projects_low", "dop_coverage_low"], [2023]),
    },
    "alexandrovsky": {
        14: bads(["shnor_teachers_no_regional"], [2023]) + bads(["shnor_teachers_undiagnosed", "project_500"], [2024])
            + bads(["shnor_no_method_help", "rop_low", "project_500"], [2025]),
        17: bads(["decision_missing"], [2025]),
        23: [("low_results", [2023])],
        24: bads(["career_tested_low"], [2023, 2024]),
        25: [("weak_head", [2023])],
        26: [("pd_gap", [2023, 2024])],
        27: bads(["upbringing_low"], [2023, 2024]),
        28: [("low_results", [2022, 2023])],
        29: bads(["math_monitoring_missed", "sample_missed", "rop_low", "muni_deficit"], [2023]),
        30: bads(["metasubject_low", "func_literacy_low", "olymp_rescored_high", "ovz_events_none"], [2024]),
        31: bads(["gifted_bank_empty", "contest_none", "dop_coverage_low", "dop_ovz_low"], [2025]),
        32: bads(["individualization_absent", "gifted_teachers_untrained", "gifted_psych_missing", "admitted_profile_low"], [2022]),
        33: bads(["career_contests_none", "partners_none", "pk_after_diag_gap", "network_low"], [2023])
            + bads(["upbringing_program_late"], YEARS),
        34: bads(["teacher_contests_none", "method_work_low", "vacancy_high", "category_low"], [2024]),
        35: bads(["off_profile", "upbringing_program_missing", "non_native_unsupported", "holiday_low"], [2025]),
        36: bads(["prevention_high", "volunteers_low", "class_teacher_low", "head_monitoring_gap"], [2024]),
        3: bads(["profile_ege_low"], [2025]),
    },
}
for _key, _schools in EXTRA_SCENARIOS.items():
    for _number, _entries in _schools.items():
        SCENARIOS[_key].setdefault(_number, []).extend(_entries)

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
    "lowered_results": "в этом году доля «2» по ВПР выше региональной на 13–16 п. п., ОГЭ ниже региона",
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
            "settlement": "город" if spec["town"] in name else "село",
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
        "municipality": spec["name"], "school_type": school["kind"], "settlement_type": school["settlement"],
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
# Columns added in 2026 for the directions the orders name besides results and objectivity.
# They get their own random stream (per school and year), so the values of the older columns
# stay what they were.
# --------------------------------------------------------------------------------------------

def extra_values(row, school, year, spec):
    """Ordinary values of the newer columns for one school and year (no scenario)."""
    rng = random.Random(f"{spec['seed']}-{school['number']}-{year}")
    size, quality = school["size"], school["quality"]
    has_ege = school["kind"] != "ООШ"
    teachers = school["teachers"]
    q45 = (row["vpr_m4"] + row["vpr_m5"]) / row["vpr_participants"] if row["vpr_participants"] else None
    m2 = row["vpr_m2"] / row["vpr_participants"] if row["vpr_participants"] else None
    grade11 = row["ege_participants"] or 0
    winners = row["olymp_muni_winners"]
    first = round(winners * 0.4)
    regional_first = min(first, round(first * rng.uniform(*spec.get("olymp_ratio", {}).get(year, (0.4, 0.7)))))
    ovz = max(1, round(size * rng.uniform(0.025, 0.05)))
    s811 = round(size * rng.uniform(0.30, 0.36))
    conflicts = rng.choice([0, 0, 1, 2, 3])
    attested = rng.randint(2, 6)
    requested = rng.randint(3, 10)
    help_need = rng.choice([0, 0, 1, 2])
    observers = rng.randint(3, 8)
    row.update({
        "regional_procedures_done": True, "dkr11_done": True if has_ege else None,
        "math_monitoring_done": True,
        "sample_selected": rng.choice([0, 0, 1, 1, 2]),
        "func_literacy_pct": round(clamp(0.56 + 0.30 * (quality - 0.5) + rng.gauss(0, 0.02), 0.2, 0.95), 3),
        "func_literacy_region_pct": 0.55,
        "metasubject_pct": round(clamp(0.67 + 0.30 * (quality - 0.5) + rng.gauss(0, 0.02), 0.2, 0.95), 3),
        "metasubject_region_pct": 0.66,
        "rop_participants": max(8, round(row["vpr_enrolled"] * rng.uniform(0.35, 0.45))),
        "rop_m2_region": 0.12,
        "muni_basic_pct": round(clamp(0.64 + 0.20 * (quality - 0.5) + rng.gauss(0, 0.02), 0.3, 0.95), 3),
        "vpr_q45_control": round(row["vpr_q45_region"] + 0.02, 3),
        "vpr_q45_rf": 0.452,
        "vpr_ru_m2": round(clamp((m2 or 0.08) + rng.gauss(0, 0.01), 0.0, 0.4), 3),
        "vpr_ru_m2_region": round(row["vpr_m2_region"] + 0.005, 3),
        "vpr_ma_m2": round(clamp((m2 or 0.08) + rng.gauss(0, 0.01), 0.0, 0.4), 3),
        "vpr_ma_m2_region": round(row["vpr_m2_region"] - 0.005, 3),
        "vpr_problem_tasks": max(0, round(2 - 4 * (quality - 0.5) + rng.gauss(0, 0.7))),
        "vpr_rechecked": rng.randint(10, 20), "vpr_remarked": rng.choice([0, 0, 1]),
        "oge_q45": round(clamp((q45 or 0.45) + rng.gauss(0, 0.03), 0.05, 0.95), 3),
        "grads_11": grade11,
        "gia_orders": True, "objectivity_measures": True, "positive_attitude": True, "zks": True,
        "staff_trained_pct": 1.0, "observers": observers, "observers_trained": observers,
        "parent_observers": rng.randint(1, 5), "oop_expertise": True, "self_review_compare": True,
        "expert_teachers": rng.randint(1, 3), "results_published": True, "decision_taken": True,
        "help_plan": True, "quality_team_pk": True, "noko_year": year - rng.randint(0, 2),
        "responsible_named": True, "mo_meetings": rng.randint(2, 6), "seminars_on_site": rng.randint(1, 3),
        "practice_shared": True,
        "olymp_school_participants": round(size * rng.uniform(0.25, 0.40)),
        "olymp_school_rechecked": rng.randint(10, 20), "olymp_school_rescored": rng.choice([0, 0, 1]),
        "olymp_muni_first": first,
        "olymp_regional_from_muni": row["olymp_regional_participants"],
        "olymp_regional_first": regional_first,
        "olymp_regional_winners": rng.choice([0, 1, 1, 2]) + (2 if school["kind"] in ("Лицей", "Гимназия") else 0),
        "contest_winners": rng.randint(2, 10), "gifted_bank": rng.randint(1, 6), "gifted_program": True,
        "gifted_psych": True, "gifted_teachers_pk": rng.randint(1, 3),
        "students": size, "students_ovz": ovz, "ovz_supported": ovz, "ovz_events": rng.randint(1, 3),
        "dop_students": round(size * rng.uniform(0.77, 0.90)), "dop_ovz": round(ovz * rng.uniform(0.6, 0.9)),
        "iup_students": rng.randint(2, 10) if has_ege else 0,
        "profile_classes": rng.randint(0, 2) if has_ege else 0,
        "students_8_11": s811, "career_tested": round(s811 * rng.uniform(0.85, 0.98)),
        "bilet_participants": round(s811 * rng.uniform(0.20, 0.28)),
        "proektoria_participants": round(s811 * rng.uniform(0.13, 0.20)),
        "career_contests": rng.randint(1, 8),
        "admitted_profile": round(grade11 * rng.uniform(0.40, 0.65)) if has_ege else None,
        "partner_agreements": rng.randint(1, 4),
        "upbringing_program": True, "upbringing_participants": round(size * rng.uniform(0.65, 0.90)),
        "gto_badges": rng.randint(3, 20), "holiday_covered": round(size * rng.uniform(0.55, 0.75)),
        "prevention_registered": round(size * rng.uniform(0.004, 0.02)),
        "volunteers": round(size * rng.uniform(0.12, 0.25)),
        "non_native": (non_native := rng.choice([0, 0, 0, 1, 2, 3])), "non_native_supported": non_native,
        "truants": 0, "spt_risk_pct": round(rng.uniform(0.08, 0.16), 3),
        "satisfaction_pct": round(rng.uniform(0.75, 0.92), 3),
        "conflicts": conflicts, "conflicts_mediated": conflicts,
        "head_attested": True, "teachers_attested": attested,
        "teachers_attested_portfolio": max(1, round(attested * rng.uniform(0.6, 1.0))),
        "teachers_category": round(teachers * rng.uniform(0.55, 0.75)), "teachers_off_profile": 0,
        "pk_plan_ok": True, "pk_by_diag": row["teachers_diag_below"],
        "pk_requested": requested, "pk_provided": requested,
        "attest_help_need": help_need, "attest_help_given": help_need,
        "method_help_events": rng.randint(1, 5), "method_score": round(rng.uniform(0.65, 0.90), 3),
        "network_teachers": round(teachers * rng.uniform(0.35, 0.60)),
        "contest_teachers": rng.randint(1, 3), "regional_events_teachers": rng.randint(1, 4),
        "project_500": False, "head_monitoring_quarters": 4,
        "class_teacher_score": round(rng.uniform(0.65, 0.90), 3),
        "sick_days": round(rng.uniform(5.0, 9.0), 1),
        "ege_profile_mean_region": 66.0,
    })
    row["ege_profile_mean"] = round(66.0 + 12 * (quality - 0.5) + rng.gauss(0, 1.5), 1) if row["profile_classes"] else None
    # Dates (written as a Russian export does: dd.mm.yyyy).
    results = datetime.date(year, 5, rng.randint(10, 25))
    procedure = datetime.date(year, 4, rng.randint(10, 25))
    row.update({
        "roadmap_date": f"{rng.randint(1, 14):02d}.06.2022", "responsible_date": f"{rng.randint(1, 9):02d}.06.2022",
        "report_date": f"{rng.randint(15, 31):02d}.05.{year}",
        "vpr_results_date": results.strftime("%d.%m.%Y"),
        "vpr_analysis_date": (results + datetime.timedelta(days=rng.randint(7, 25))).strftime("%d.%m.%Y"),
        "procedure_date": procedure.strftime("%d.%m.%Y"),
        "briefing_date": (procedure - datetime.timedelta(days=rng.randint(1, 4))).strftime("%d.%m.%Y"),
        "upbringing_date": f"{rng.randint(1, 30):02d}.07.2021",
        # The municipal coordinator's report on the road map (Светлогорский ГО: due by 30 June;
        # late in 2023), repeated by the department in every school's row.
        "coordinator_report_date": ("12.07.2023" if year == 2023 else f"{27 + year % 3}.06.{year}") if spec["seed"] == 522 else None,
    })
    row["sample_done"] = row["sample_selected"]
    row["rop_m2"] = round(row["rop_participants"] * clamp(0.11 - 0.10 * (quality - 0.5) + rng.gauss(0, 0.01), 0.0, 0.4))


def bad(rule, row, rng):
    """Makes one of the newer rules fire for a school and year (the scenario «bad:<rule>»)."""
    students, s811 = row["students"], row["students_8_11"]
    change = {
        "math_monitoring_missed": {"math_monitoring_done": False},
        "regional_procedures_missed": {"regional_procedures_done": False},
        "dkr11_missed": {"dkr11_done": False},
        "func_literacy_missed": {"func_literacy_done": False},
        "sample_missed": {"sample_selected": 2, "sample_done": 1},
        "rop_low": {"rop_m2": round(row["rop_participants"] * 0.27)},
        "muni_deficit": {"muni_basic_pct": 0.452},
        "metasubject_low": {"metasubject_pct": 0.52},
        "func_literacy_low": {"func_literacy_pct": 0.41},
        "olymp_rescored_high": {"olymp_school_rechecked": 20, "olymp_school_rescored": 3},
        "ovz_events_none": {"ovz_events": 0},
        "gifted_bank_empty": {"gifted_bank": 0},
        "contest_none": {"contest_winners": 0},
        "dop_coverage_low": {"dop_students": round(students * 0.55)},
        "dop_ovz_low": {"dop_ovz": 0},
        "individualization_absent": {"iup_students": 0, "profile_classes": 0},
        "gifted_teachers_untrained": {"gifted_teachers_pk": 0},
        "gifted_psych_missing": {"gifted_psych": False},
        "admitted_profile_low": {"admitted_profile": round((row["grads_11"] or 0) * 0.15)},
        "career_tested_low": {"career_tested": round(s811 * 0.6)},
        "career_contests_none": {"career_contests": 0},
        "partners_none": {"partner_agreements": 0},
        "career_projects_low": {"bilet_participants": round(s811 * 0.1), "proektoria_participants": round(s811 * 0.05)},
        "pk_after_diag_gap": {"pk_by_diag": 0, "teachers_diag_below": max(2, row["teachers_diag_below"] or 0)},
        "network_low": {"network_teachers": round((row["teachers"] or 0) * 0.12)},
        "teacher_contests_none": {"contest_teachers": 0},
        "method_work_low": {"method_score": 0.48},
        "vacancy_high": {"vacancies": 3},
        "category_low": {"teachers_category": round((row["teachers"] or 0) * 0.3)},
        "off_profile": {"teachers_off_profile": 2},
        "upbringing_program_missing": {"upbringing_program": False},
        "non_native_unsupported": {"non_native": 5, "non_native_supported": 1},
        "holiday_low": {"holiday_covered": round(students * 0.3)},
        "prevention_high": {"prevention_registered": round(students * 0.045)},
        "volunteers_low": {"volunteers": round(students * 0.05)},
        "upbringing_low": {"upbringing_participants": round(students * 0.4)},
        "portfolio_low": {"teachers_attested": 5, "teachers_attested_portfolio": 1},
        "noko_low": {"noko_score": 0.58},
        "results_not_published": {"results_published": False},
        "quality_team_untrained": {"quality_team_pk": False},
        "gia_orders_missing": {"gia_orders": False},
        "objectivity_measures_missing": {"objectivity_measures": False},
        "positive_attitude_missing": {"positive_attitude": False},
        "parent_observers_none": {"parent_observers": 0},
        "head_not_attested": {"head_attested": False},
        "teacher_diag_none": {"teachers_diag": 0, "teachers_diag_below": 0, "pk_by_diag": 0},
        "teacher_competence_low": {"teachers_diag": 10, "teachers_diag_below": 4, "pk_by_diag": 4},
        "pk_plan_bad": {"pk_plan_ok": False},
        "pk_unmet": {"pk_provided": max(0, row["pk_requested"] - 4)},
        "attest_help_gap": {"attest_help_need": 3, "attest_help_given": 1},
        "method_help_none": {"method_help_events": 0},
        "conflicts_unmediated": {"conflicts": 4, "conflicts_mediated": 1},
        "olymp_school_none": {"olymp_school_participants": 0},
        "staff_untrained": {"staff_trained_pct": 0.8},
        "zks_missing": {"zks": False},
        "vpr_recheck_remarked": {"vpr_rechecked": 20, "vpr_remarked": 5},
        "oop_expertise_missing": {"oop_expertise": False},
        "expert_teachers_none": {"expert_teachers": 0},
        "observers_untrained": {"observers_trained": max(0, row["observers"] - 2)},
        "self_review_missing": {"self_review_compare": False},
        "noko_overdue": {"noko_year": row["year"] - 5},
        "inspection_found": {"inspection_violations": 2},
        "gifted_program_missing": {"gifted_program": False},
        "gto_none": {"gto_badges": 0},
        "satisfaction_low": {"satisfaction_pct": 0.61},
        "truancy_high": {"truants": max(2, round(students * 0.015))},
        "spt_risk_high": {"spt_risk_pct": 0.26},
        "ovz_unsupported": {"ovz_supported": max(0, row["students_ovz"] - 2)},
        "subject_gap": {"vpr_ru_m2": round(row["vpr_ru_m2_region"] + 0.14, 3)},
        "help_plan_missing": {"help_plan": False},
        "decision_missing": {"decision_taken": False},
        "responsible_missing": {"responsible_named": False},
        "responsible_named": {"responsible_named": True},
        "mo_control_missing": {"mo_meetings": 0},
        "seminars_missing": {"seminars_on_site": 0},
        "practice_not_shared": {"practice_shared": False},
        "practice_shared": {"practice_shared": True},
        "shnor_teachers_undiagnosed": {"teachers_diag": 0, "teachers_diag_below": 0, "pk_by_diag": 0},
        "shnor_no_method_help": {"method_help_events": 0},
        "shnor_teachers_no_regional": {"regional_events_teachers": 0},
        "project_500": {"project_500": True},
        "olymp_winners_drop": {"olymp_regional_winners": 0},
        "class_teacher_low": {"class_teacher_score": 0.5},
        "head_monitoring_gap": {"head_monitoring_quarters": 2},
        "roadmap_late": {"roadmap_date": "20.06.2022"},
        "responsible_late": {"responsible_date": "14.06.2022"},
        "report_late": {"report_date": f"14.06.{row['year']}"},
        "analysis_late": {"vpr_analysis_date": (datetime.datetime.strptime(row["vpr_results_date"], "%d.%m.%Y") + datetime.timedelta(days=45)).strftime("%d.%m.%Y")},
        "briefing_late": {"briefing_date": row["procedure_date"]},
        "upbringing_program_late": {"upbringing_date": "15.09.2021"},
        "sick_days_high": {"sick_days": 14.2},
        "profile_ege_low": {"profile_classes": 1, "ege_profile_mean": 57.5},
        "olymp_winners_high": {"olymp_regional_winners": 4},
    }[rule]
    row.update(change)


BAD_DESCRIPTIONS = {
    "roadmap_late": "Дорожная карта ОУ утверждена 20.06.2022 (срок — 15.06.2022)",
    "responsible_late": "сведения об ответственных направлены 14.06.2022 (срок — 10.06.2022)",
    "report_late": "аналитический отчёт ОУ представлен 14 июня (срок — 31 мая)",
    "analysis_late": "аналитическая справка по ВПР — через 45 дней после получения результатов",
    "briefing_late": "инструктаж координатора в день процедуры",
    "upbringing_program_late": "программа воспитания утверждена 15.09.2021 (срок — 01.08.2021)",
    "head_monitoring_gap": "мониторинг показателей руководителя проводился не каждый квартал",
    "class_teacher_low": "низкий балл мониторинга эффективности классного руководства",
    "sick_days_high": "много дней, пропущенных обучающимися по болезни",
    "profile_ege_low": "выпускники профильных классов сдают ЕГЭ по профильным предметам ниже региона",
    "sample_missed": "оО не участвовала в исследованиях по выборке, в которые была включена",
    "regional_procedures_missed": "оУ не провела региональные стартовые и итоговые диагностические процедуры",
    "dkr11_missed": "оУ не участвовала в ДКР 11 кл. и диагностических работах",
    "math_monitoring_missed": "мониторинг по математике 9 и 11 кл. в ОО не проведён",
    "func_literacy_missed": "исследование функциональной грамотности в ОО не проведено",
    "func_literacy_low": "функциональная грамотность ниже региона",
    "metasubject_low": "метапредметные результаты ниже региона",
    "rop_low": "результаты региональных оценочных процедур ниже региона",
    "muni_deficit": "предметные дефициты по муниципальным процедурам",
    "above_basic_low": "мало результатов выше базового уровня: доля «4» и «5» по ВПР ниже региона",
    "control_gap_high": "доля «4» и «5» по ВПР значительно выше контрольной выборки",
    "subject_gap": "доля «2» по отдельному предмету ВПР выше региональной",
    "vpr_recheck_remarked": "вПР: значимая доля работ переоценена при перепроверке",
    "vpr_oge_gap_high": "результаты ВПР значительно выше результатов ОГЭ",
    "olymp_rescored_high": "всОШ: результаты школьного этапа изменены при перепроверке",
    "observers_untrained": "не все общественные наблюдатели прошли обучение",
    "staff_untrained": "не все организаторы и технические специалисты процедур прошли обучение",
    "zks_missing": "нет защищённого канала связи для передачи материалов",
    "parent_observers_none": "родители не привлечены к общественному наблюдению",
    "oop_expertise_missing": "экспертиза ООП в части системы оценивания не проведена",
    "self_review_missing": "самообследование не сопоставляет внешнюю и внутреннюю оценку",
    "expert_teachers_none": "учителя ОО не участвуют в муниципальных предметных комиссиях",
    "results_not_published": "анализ результатов ГИА и ВПР не размещён на сайте ОУ",
    "quality_team_untrained": "команда ОУ не прошла ПК «Оценка качества образования в ОО»",
    "noko_overdue": "независимая оценка качества условий проводилась более трёх лет назад",
    "noko_low": "низкий балл независимой оценки качества условий",
    "gia_orders_missing": "нет приказов о сроках, ответственных и регламентах ВПР, ОГЭ, ЕГЭ",
    "objectivity_measures_missing": "в плане ОУ нет мероприятий по повышению объективности",
    "positive_attitude_missing": "не проводятся мероприятия по формированию позитивного отношения к объективной оценке",
    "olymp_school_none": "обучающиеся ОО не участвовали в школьном этапе ВсОШ",
    "contest_none": "нет победителей и призёров конкурсов и соревнований (кроме ВсОШ)",
    "gifted_bank_empty": "оО не представила обучающихся в муниципальный банк одарённых детей",
    "gifted_program_missing": "программа поддержки одарённых детей в ОО не реализуется",
    "gifted_psych_missing": "нет психолого-педагогического сопровождения одарённых",
    "gifted_teachers_untrained": "ни один педагог ОО не прошёл ПК по работе с одарёнными",
    "dop_coverage_low": "низкий охват обучающихся дополнительным образованием",
    "dop_ovz_low": "низкий охват обучающихся с ОВЗ дополнительным образованием",
    "individualization_absent": "нет индивидуализации обучения: ни ИУП, ни профильных классов",
    "career_tested_low": "мало обучающихся 8–11 кл. прошли профориентационное тестирование",
    "career_projects_low": "мало обучающихся участвуют в «Билете в будущее» и «ПроеКТОриИ»",
    "career_contests_none": "обучающиеся ОО не участвуют в конкурсах профориентационной направленности",
    "admitted_profile_low": "мало выпускников поступили по профилю обучения",
    "partners_none": "нет договоров о сотрудничестве с предприятиями, ПОО и вузами",
    "ovz_unsupported": "не все обучающиеся с ОВЗ обеспечены сопровождением",
    "ovz_events_none": "обучающиеся с ОВЗ не участвуют в конкурсах и профориентационных мероприятиях",
    "non_native_unsupported": "не все обучающиеся с неродным русским языком получают языковую поддержку",
    "upbringing_program_missing": "рабочая программа воспитания не утверждена",
    "upbringing_low": "низкий охват мероприятиями воспитательной направленности",
    "gto_none": "у обучающихся ОО нет знаков отличия ГТО",
    "holiday_low": "низкий охват организованным отдыхом в каникулы",
    "volunteers_low": "мало обучающихся в добровольческих и детских общественных объединениях",
    "prevention_high": "высокая доля обучающихся на профилактическом учёте",
    "truancy_high": "обучающиеся не посещают школу без уважительных причин",
    "spt_risk_high": "высокая доля обучающихся с повышенной вероятностью рискового поведения (СПТ)",
    "satisfaction_low": "низкая удовлетворённость родителей качеством образования",
    "conflicts_unmediated": "конфликты мало урегулируются службой медиации",
    "head_not_attested": "руководитель не прошёл аттестацию с оценкой компетенций",
    "portfolio_low": "мало педагогов аттестовано по электронному портфолио (РАСАТ)",
    "category_low": "мало педагогов с первой и высшей квалификационной категорией",
    "off_profile": "педагоги работают без профильного образования и без переподготовки",
    "pk_plan_bad": "план ПК ОУ не соответствует требованиям к структуре и содержанию",
    "pk_after_diag_gap": "педагоги с выявленными дефицитами не прошли ПК по итогам диагностики",
    "pk_unmet": "потребность в ПК не обеспечена курсами",
    "attest_help_gap": "педагоги с затруднениями не получили адресную помощь в межаттестационный период",
    "method_help_none": "оУ не получила методической помощи за год",
    "method_work_low": "низкий балл мониторинга методической работы",
    "network_low": "мало педагогов участвуют в сетевых сообществах и методических объединениях",
    "teacher_contests_none": "педагоги ОО не участвуют в конкурсах профессионального мастерства",
    "teacher_diag_none": "диагностика профессиональных компетенций педагогов не проведена",
    "teacher_competence_low": "дефициты профессиональных компетенций педагогов по итогам диагностики",
    "vacancy_high": "недостаточная обеспеченность кадрами",
    "inspection_found": "нарушения по актам надзора",
    "help_plan_missing": "адресный план помощи не утверждён",
    "decision_missing": "управленческое решение по итогам прошлогоднего мониторинга не принято",
    "responsible_missing": "ответственные за Дорожную карту ОУ не назначены",
    "responsible_named": "ответственные за Дорожную карту ОУ назначены",
    "mo_control_missing": "заседаний школьных МО по подготовке к оценочным процедурам нет",
    "seminars_missing": "семинаров на базе ОУ не было",
    "practice_not_shared": "опыт ОУ не включён в банк лучших практик",
    "practice_shared": "опыт ОУ включён в банк лучших практик",
    "shnor_teachers_undiagnosed": "педагоги не прошли диагностику профессиональных дефицитов",
    "shnor_no_method_help": "методической помощи ОУ за год не было",
    "shnor_teachers_no_regional": "педагоги не участвовали в мероприятиях регионального уровня",
    "project_500": "ОО участвует в проекте «500+»",
    "olymp_winners_drop": "победителей и призёров регионального и заключительного этапов ВсОШ не стало",
    "olymp_winners_high": "четыре победителя и призёра регионального и заключительного этапов ВсОШ",
}


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
    elif name in ("low_results", "lowered_results"):
        row["vpr_m2"] = round(n * (row["vpr_m2_region"] + rng.uniform(0.13, 0.16)))
        total = min(round(n * q45_of(row)), n - row["vpr_m2"])
        row["vpr_m5"] = round(total * 0.25)
        row["vpr_m4"] = total - row["vpr_m5"]
        row["oge_mean"] = round(row["oge_mean_region"] - rng.uniform(0.40, 0.50), 2)
        row["annual_mean_9"] = round(row["oge_mean"] + rng.uniform(0.10, 0.25), 2)
        row["annual_q45"] = round(min(0.95, q45_of(row) + 0.05), 3)
        if name == "lowered_results":
            set_q45(row, max(0.10, row["vpr_q45_region"] - rng.uniform(0.22, 0.26)), rng)
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
        for column in ("vpr_basic_pct", "vpr_hard_pct", "vpr_ru_m2", "vpr_ma_m2", "vpr_problem_tasks"):
            row[column] = None
    elif name == "olymp_transfer":
        row["olymp_muni_winners"] = 6
        row["olymp_regional_participants"] = 0
        row["olymp_regional_from_muni"] = 0
        row["olymp_muni_first"] = 3
        row["olymp_regional_first"] = 0
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
                       "teachers_diag", "teachers_diag_below", "head_pk_year", "reserve_count",
                       "teachers_attested", "teachers_attested_portfolio", "teachers_category",
                       "teachers_off_profile", "pk_by_diag", "pk_requested", "pk_provided",
                       "attest_help_need", "attest_help_given", "network_teachers", "contest_teachers",
                       "regional_events_teachers", "method_help_events"):
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
        # the components added in 2026 (Малышевский ГО: сеть, индивидуализация, доп. образование;
        # Александровский район: ОВЗ, доп. образование) are weak too
        row["network_teachers"] = round((row["teachers"] or 0) * 0.1)
        row["dop_students"] = round(row["students"] * 0.45)
        row["iup_students"], row["profile_classes"] = 0, 0
        row["ovz_supported"] = round(row["students_ovz"] * 0.5)
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
        row["olymp_regional_from_muni"] = 0
        row["olymp_muni_first"] = 0
        row["olymp_regional_first"] = 0
    elif name == "gia_incomplete":
        row["grads_gia"] = row["grads"] - 2
    elif name == "no_reserve":
        row["reserve_count"] = 0
    elif name.startswith("bad:"):
        bad(name[4:], row, rng)
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
    if kind == "дата":
        return str(value)
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
            text = BAD_DESCRIPTIONS[name[4:]] if name.startswith("bad:") else DESCRIPTIONS[name]
            lines.append(f"| {school['id']} | {school['name']} | {span} | {text} |")
    lines += ["", "## Где отчёт говорит «недостаточно данных»", "",
              "Только там, где нужной ячейки нет или выборка меньше минимума правила:", "",
              "- **первый год выгрузки (2022)** — у правил, сравнивающих с прошлым годом (рост доли «4» и «5»,",
              "  «меры не дали результата» / «меры дали результат», динамика ШНОР, решения по итогам",
              "  прошлого года), прошлого года нет;",
              "- **малокомплектные ОО** (в таблице выше) — меньше 20 участников ВПР, ОГЭ, ЕГЭ или меньше",
              "  20 обучающихся 8–11 классов;",
              "- **ОО без 11 класса** — нет участников ЕГЭ и медалистов для правил, которым нужно не меньше",
              "  20 участников ЕГЭ; победителей муниципального этапа ВсОШ меньше минимума правила;",
              "- **пустые ячейки, заложенные сценариями** (в таблице выше): кадровые сведения, индекс",
              "  социального благополучия, строка ФИС ОКО за год.",
              ""]
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
            extra_values(row, school, year, spec)
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
