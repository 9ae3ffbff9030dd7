"""The verifier benchmark judges each pair as `rag verify` does, at the verifier's threshold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# True: the first sentence holds the overwhelmed forces, the second the call for help; the
# second alone falls short of the threshold, both together pass it (blind_pairs31 v31_014).
PAIR = {"id": "t1", "lang": "en", "label": True, "kind": "paraphrase", "doc_id": "x",
        "claim": "Kazakhstan's security forces were overwhelmed by the ferocity of the "
                 "protesters, which is why Russian and CSTO forces were called in.",
        "passage": "Les forces de sécurité kazakhes ont été dépassées par la virulence des "
                   "manifestants. D’où le recours aux forces russes et de l’OTSC."}


def test_a_claim_two_sentences_support_is_no_false_alarm(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps(PAIR, ensure_ascii=False) + "\n", encoding="utf-8")
    # ... with --sweep too: its report is the verifier's judgement, not the no-threshold one
    # the sweep cuts (review 40's note)
    for extra in ([], ["--sweep"]):
        proc = subprocess.run([sys.executable, "-m", "evals.verifier.bench", "--pairs",
                               str(pairs), "--json", *extra], cwd=ROOT, capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        report = json.loads(proc.stdout[proc.stdout.index("{"):])
        assert report["groups"]["all"]["false_alarms"] == 0.0, extra
