#!/usr/bin/env python3
"""Compares an .xlsx workbook cell by cell with the CSV files LibreOffice made of its sheets
(`<book>-<sheet>.csv` in a folder). Used by scripts/xlsx-roundtrip. Exit 1 on any difference."""
import csv
import math
import os
import sys

try:
    import openpyxl
except ImportError:  # pragma: no cover
    sys.exit("xlsx-compare: python3 -m pip install openpyxl")


def same(expected, text):
    if expected is None:
        return text == ""
    if isinstance(expected, bool):
        return text.upper() == ("TRUE" if expected else "FALSE")
    if isinstance(expected, (int, float)):
        percent = text.endswith("%")
        try:
            value = float(text.rstrip("%")) / (100 if percent else 1)
        except ValueError:
            return False
        return math.isclose(value, expected, rel_tol=1e-13, abs_tol=1e-13)
    return text == str(expected)


def main(book_path, folder):
    book = openpyxl.load_workbook(book_path)
    stem = os.path.splitext(os.path.basename(book_path))[0]
    problems = 0
    cells = 0
    for sheet in book.worksheets:
        path = os.path.join(folder, f"{stem}-{sheet.title}.csv")
        if not os.path.exists(path):
            print(f"{book_path}: LibreOffice wrote no CSV for the sheet {sheet.title!r}")
            problems += 1
            continue
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        for r, row in enumerate(sheet.iter_rows(values_only=True)):
            for c, value in enumerate(row):
                text = rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
                cells += 1
                if not same(value, text):
                    problems += 1
                    if problems <= 20:
                        print(f"{book_path} [{sheet.title}] {openpyxl.utils.get_column_letter(c + 1)}{r + 1}: "
                              f"Soko wrote {value!r}, LibreOffice read {text!r}")
        if sheet.max_row < len([row for row in rows if any(row)]):
            print(f"{book_path} [{sheet.title}]: LibreOffice read more rows than Soko wrote")
            problems += 1
    if problems:
        sys.exit(f"{book_path}: {problems} difference(s) in {cells} cells")
    print(f"{os.path.basename(book_path)}: {len(book.worksheets)} sheets, {cells} cells, all the same")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
