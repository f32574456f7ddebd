#!/usr/bin/env python3
"""Builds the committed .xlsx fixtures of the workbook reader's tests.

- vpr-openpyxl.xlsx: written by openpyxl. A title row above the header (merged across), a
  header over two merged rows (a subject above «участников / ниже минимума / средний балл»),
  numbers stored as text (with a no-break space as thousands separator, a decimal comma),
  a long code stored as a number, a percent-styled share, a date, a boolean, a hidden column,
  empty trailing rows (styled cells with no value), and a second sheet.
- region-libreoffice.xlsx: written by LibreOffice (converted from an openpyxl source with
  `soffice --headless --convert-to xlsx`, which computes the formulas and stores their values).
  A regional hierarchical sheet: the region's total, then per municipality a subtotal row
  (SUM formulas) followed by its schools with the municipality cell empty; one subtotal is a
  constant that does not match its schools.

Run from this folder: python3 make_fixtures.py (needs openpyxl and LibreOffice).
"""
import datetime
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Font

NBSP = "\u00a0"


def vpr():
    book = Workbook()
    sheet = book.active
    sheet.title = "Результаты ВПР"
    sheet["A1"] = "Результаты ВПР по математике, 5 класс, 2024 год"
    sheet.merge_cells("A1:J1")
    for column, name in zip("ABCGHIJ", ["Код ОО", "Школа", "Муниципалитет", "Доля отметок «2»",
                                         "Дата проведения", "Наблюдатели", "Служебный"]):
        sheet[f"{column}2"] = name
        sheet.merge_cells(f"{column}2:{column}3")
    sheet["D2"] = "Математика"
    sheet.merge_cells("D2:F2")
    sheet["D3"], sheet["E3"], sheet["F3"] = "участников", "ниже минимума", "средний балл"
    rows = [
        (390301000123, "МБОУ СОШ № 1", "Советский ГО", 120, 6, "3,85", 0.05, datetime.date(2024, 4, 16), True, "x"),
        ("390301000124", "МАОУ Гимназия", "Советский ГО", f"1{NBSP}234", f"{NBSP}12 ", 4.1, 0.462, datetime.date(2024, 4, 17), False, "y"),
        (390301000125, "МБОУ ООШ п. Лесной", "Советский ГО", 15, None, "3.2", 0.2, datetime.date(2024, 4, 18), True, None),
    ]
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=4 + offset, column=column, value=value)
        sheet.cell(row=4 + offset, column=7).number_format = "0.0%"
        sheet.cell(row=4 + offset, column=8).number_format = "DD.MM.YYYY"
    # Empty trailing rows: cells with a style and no value.
    sheet.cell(row=8, column=1).font = Font(bold=True)
    sheet.cell(row=9, column=2).number_format = "0.00"
    sheet.column_dimensions["J"].hidden = True
    other = book.create_sheet("Справка")
    other["A1"] = "Код ОО"
    other["B1"] = "Примечание"
    other["A2"] = "390301000123"
    other["B2"] = "нет"
    book.save("vpr-openpyxl.xlsx")


def region():
    book = Workbook()
    sheet = book.active
    sheet.title = "Регион"
    sheet.append(["Муниципалитет", "Код ОО", "Школа", "Участников", "Ниже минимума", "Средний балл"])
    sheet.append(["Калининградская область", None, None, "=D3+D6", "=E3+E6", 3.7])
    sheet.append(["Советский ГО", None, None, "=SUM(D4:D5)", "=SUM(E4:E5)", 3.8])
    sheet.append([None, "390301000123", "МБОУ СОШ № 1", 100, 5, 3.9])
    sheet.append([None, "390301000124", "МАОУ Гимназия", 80, 10, 3.5])
    sheet.append(["Светлогорский ГО", None, None, "=SUM(D7:D8)", 99, 3.6])
    sheet.append([None, "392001000001", "МАОУ СОШ № 1 г. Светлогорска", 60, 3, "=ROUND(3.55+0.1,2)"])
    sheet.append([None, "392001000002", "МБОУ СОШ п. Приморье", 40, 4, 3.4])
    second = book.create_sheet("Лист2")
    second.append(["Код ОО", "Участников"])
    second.append(["1", 2])
    work = tempfile.mkdtemp()
    source = os.path.join(work, "region-libreoffice.xlsx")
    book.save(source)
    out = os.path.join(work, "out")
    subprocess.run(["soffice", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                    "--outdir", out, source], check=True, stdout=subprocess.DEVNULL)
    shutil.copy(os.path.join(out, "region-libreoffice.xlsx"), "region-libreoffice.xlsx")
    shutil.rmtree(work)


if __name__ == "__main__":
    vpr()
    region()
