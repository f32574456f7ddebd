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
      --data "municipalities=examples/$m/municipalities.csv" \
      --lang ru --format "$format" --out "examples/$m/expected.$(echo $format | sed s/markdown/md/)"
  done
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
  python3 examples/tools/firing_counts.py "examples/$m" > "examples/$m/firing_counts.txt"
  cat "examples/$m/firing_counts.txt"
  python3 examples/tools/insufficient_cases.py "examples/$m"
done
