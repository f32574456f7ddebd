#!/bin/sh
# Regenerates the example data and the expected reports of the four municipal rule sets.
#   swift build && sh examples/tools/make_expected.sh
# Reports are written with --lang ru so that they do not depend on the machine's locale.
set -e
cd "$(dirname "$0")/../.."
SOKO=${SOKO:-.build/debug/soko}
python3 examples/tools/make_examples.py
for m in sovetsky svetlogorsk malyshevsky alexandrovsky; do
  for format in json csv markdown; do
    "$SOKO" run "rules/$m.soko" \
      --data "results=examples/$m/results.csv" --data "federal_list=examples/$m/federal_list.csv" \
      --lang ru --format "$format" --out "examples/$m/expected.$(echo $format | sed s/markdown/md/)"
  done
done
# The checked-in Markdown is the library's rendering (MunicipalExamplesTests) of the CLI's default
# note (the latest period): without the «Дата формирования» and «Файлы данных» lines, which
# change with the day and the paths.
strip_run_header() {
  python3 - "$1" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = re.sub(r"\*\*Дата формирования:\*\*[^\n]*\n\*\*Файлы данных:\*\*[^\n]*\n", "", text, count=1)
# Without other cover lines, the blank line after them goes too.
text = re.sub(r"\A(# [^\n]*\n\n)\n", r"\1", text, count=1)
open(path, "w", encoding="utf-8").write(text)
PY
}
for m in sovetsky svetlogorsk malyshevsky alexandrovsky; do
  strip_run_header "examples/$m/expected.md"
done
for m in sovetsky svetlogorsk malyshevsky alexandrovsky; do
  python3 examples/tools/firing_counts.py "examples/$m" > "examples/$m/firing_counts.txt"
  cat "examples/$m/firing_counts.txt"
done
for m in sovetsky svetlogorsk malyshevsky alexandrovsky; do
  python3 examples/tools/insufficient_cases.py "examples/$m"
done
python3 examples/tools/make_preschools.py
for m in sovetsky_doo alexandrovsky_doo; do
  for format in json csv markdown; do
    "$SOKO" run "rules/$m.soko" --data "preschools=examples/$m/preschools.csv" \
      --lang ru --format "$format" --out "examples/$m/expected.$(echo $format | sed s/markdown/md/)"
  done
  strip_run_header "examples/$m/expected.md"
  python3 examples/tools/firing_counts.py "examples/$m" > "examples/$m/firing_counts.txt"
  cat "examples/$m/firing_counts.txt"
  python3 examples/tools/insufficient_cases.py "examples/$m"
done
