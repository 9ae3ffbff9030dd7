#!/bin/bash
# Per-question rows for the answer dev loop, saved so two code versions can be compared row by row.
#   evals/study/sets.sh TAG art|piaf|held [CODE_DIR]      -> /tmp/rows/TAG.{art,piaf,held}.log
# art: gold, dev_en, unanswerable and the blind sets up to $HELD-1 (the held-out set is $HELD,
# set below; the newest blindN_articles.jsonl is for the next session and never run); piaf: PIAF FR/EN gold and the PIAF traps.
# Indexes: $IDX_ART (default /tmp/s11/idx-art), $IDX_PIAF (default /tmp/s11/idx-piaf).
set -e
TAG=$1; WHAT=$2; CODE=${3:-$(cd "$(dirname "$0")/../.." && pwd)}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IDX_ART=${IDX_ART:-/tmp/s11/idx-art}; IDX_PIAF=${IDX_PIAF:-/tmp/s11/idx-piaf}
HELD=${HELD:-61}  # this session's held-out set; raise it when a new session starts (never the newest, written for the next one)
mkdir -p /tmp/rows
PY="$ROOT/.venv/bin/python"
run() { (cd "$CODE" && OMP_WAIT_POLICY=PASSIVE PYTHONPATH="$CODE" "$PY" evals/study/answers_dev.py --rows "$@"); }
E="$ROOT/evals"
case $WHAT in
  art)
    files="$E/gold.jsonl $E/dev_en.jsonl $E/unanswerable.jsonl $E/blind_articles.jsonl $E/traps_study48.jsonl $E/traps_study49.jsonl $E/traps_study50.jsonl $E/traps_study51.jsonl $E/traps_study52.jsonl $E/traps_study53.jsonl $E/traps_study54.jsonl $E/traps_study55.jsonl $E/traps_study56.jsonl $E/traps_study57.jsonl $E/traps_study58.jsonl $E/traps_study59.jsonl $E/traps_study60.jsonl $E/traps_study61.jsonl $E/traps_study62.jsonl $E/traps_study63.jsonl"
    for n in $(seq 2 $((HELD - 1))); do files="$files $E/blind${n}_articles.jsonl"; done
    run --index "$IDX_ART" $files > /tmp/rows/$TAG.art.log 2>&1 ;;
  held)
    run --index "$IDX_ART" "$E/blind${HELD}_articles.jsonl" > /tmp/rows/$TAG.held.log 2>&1 ;;
  piaf)
    run --index "$IDX_PIAF" --corpus piaf "$E/piaf/gold.jsonl" "$E/piaf_en/gold.jsonl" \
      "$E/unanswerable.jsonl" "$E/piaf_traps2.jsonl" "$E/piaf_traps3.jsonl" > /tmp/rows/$TAG.piaf.log 2>&1 ;;
esac
