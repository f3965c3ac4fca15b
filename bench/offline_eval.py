"""Time the offline coach over the labelled answers: per-answer median and p95 in milliseconds.

Run: /work/venv/bin/python bench/offline_eval.py [rounds]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from careercopilot.llm.bank import load_question_bank
from careercopilot.llm.offline import evaluate_answer

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "llm" / "labelled_answers.json"
BANDS = {"strong": (4, 5), "middling": (2, 4), "weak": (1, 2), "off-topic": (1, 2)}


def main(rounds: int = 20) -> None:
    bank = load_question_bank()
    items = [(bank.get(a["question_id"]), a) for a in json.loads(LABELLED.read_text(encoding="utf-8"))]
    evaluate_answer(items[0][0], items[0][1]["answer"])  # warm the regex caches before timing
    timings_ms: list[float] = []
    in_band = 0
    for round_index in range(rounds):
        for question, item in items:
            start = time.perf_counter()
            evaluation = evaluate_answer(question, item["answer"], item["time_limit_s"])
            timings_ms.append((time.perf_counter() - start) * 1000)
            if round_index == 0:
                low, high = BANDS[item["band"]]
                in_band += low <= evaluation.score <= high
    timings_ms.sort()
    p95 = timings_ms[min(len(timings_ms) - 1, round(0.95 * len(timings_ms)))]
    print(f"answers: {len(items)}  rounds: {rounds}  evaluations: {len(timings_ms)}")
    print(f"median: {statistics.median(timings_ms):.3f} ms  p95: {p95:.3f} ms  max: {timings_ms[-1]:.3f} ms")
    print(f"in expected score band: {in_band}/{len(items)}")
    long_answer = " ".join(item["answer"] for _, item in items)
    start = time.perf_counter()
    evaluate_answer(items[0][0], long_answer, 600)
    words = len(long_answer.split())
    print(f"one {words}-word answer (all labelled answers joined): {(time.perf_counter() - start) * 1000:.3f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
