#!/bin/sh
# Runs the suite with both clocks moved: the machine's (faketime) and the app's (LINTUAN_SIM_START), at moments that
# once broke CI (evening before a solar term, just before midnight, Spring Festival eve, a 调休 Saturday).
# Usage: scripts/test-dates.sh [vitest args…]   Needs faketime (Debian: apt-get install -y faketime).
set -e
for at in '2026-12-03 19:40' '2026-12-06 23:50' '2027-02-05 08:00' '2027-05-08 12:30'; do
  echo "== $at (Asia/Shanghai)"
  TZ=Asia/Shanghai LINTUAN_SIM_START="$at" faketime -f "@$at:00" npx vitest run "$@"
done
