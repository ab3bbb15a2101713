#!/usr/bin/env python3
"""The same five queries as benches/search.rs, on the same answers, in SQLite FTS5
(unicode61 tokenizer, top 20 by rank with snippet()) and as a ripgrep scan of the interview
files; then the comparison table with behov's numbers.

usage: bench/compare.py PROJECT_DIR BEHOV_RESULTS [ITERATIONS]
"""

import glob
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

# name, FTS5 MATCH expression, ripgrep pattern (None: ripgrep cannot express it)
QUERIES = [
    ("one_term", "finansiering", "finansiering"),
    ("two_terms", "finansiering färdplan", "finansiering.*färdplan|färdplan.*finansiering"),
    ("phrase", '"konkreta insatser"', "konkreta insatser"),
    ("prefix", "färdpl*", r"\bfärdpl"),
    ("filtered", "text : finansiering AND codes : funding", None),
]
SQL = ("SELECT interview, question, snippet(answers, 0, '[', ']', '…', 24) FROM answers "
       "WHERE answers MATCH ? ORDER BY rank LIMIT 20")


def lineage(codebook):
    parents = {c["id"]: c.get("parent") for c in codebook["codes"]}

    def up(code):
        seen = []
        while code and code not in seen:
            seen.append(code)
            code = parents.get(code)
        return seen
    return up


def rows(project):
    with open(os.path.join(project, "codebook.json"), encoding="utf-8") as f:
        up = lineage(json.load(f))
    for path in sorted(glob.glob(os.path.join(project, "interviews", "*.json"))):
        with open(path, encoding="utf-8") as f:
            interview = json.load(f)
        for answer in interview.get("answers", []):
            if answer.get("text", "").strip():
                codes = sorted({a for c in answer.get("codings", []) for a in up(c["code"])})
                yield (answer["text"], " ".join(codes), interview["id"], answer["question"])


def percentiles(times):
    times = sorted(times)
    return times[len(times) // 2], times[min(len(times) - 1, len(times) * 99 // 100)]


def fts5(project, iterations, workdir):
    data = list(rows(project))
    db_path = os.path.join(workdir, "fts5.db")
    if os.path.exists(db_path):
        os.remove(db_path)
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE answers USING fts5(text, codes, interview UNINDEXED, "
               "question UNINDEXED, tokenize='unicode61')")
    started = time.perf_counter()
    with db:
        db.executemany("INSERT INTO answers VALUES (?, ?, ?, ?)", data)
    build = len(data) / (time.perf_counter() - started)
    results = {}
    for name, match, _ in QUERIES:
        for _ in range(max(1, iterations // 10)):
            db.execute(SQL, (match,)).fetchall()
        times = []
        for _ in range(iterations):
            started = time.perf_counter()
            db.execute(SQL, (match,)).fetchall()
            times.append((time.perf_counter() - started) * 1000)
        results[name] = percentiles(times)
    db.close()
    size = os.path.getsize(db_path) // 1_000_000
    os.remove(db_path)
    return build, results, size


def ripgrep(project, runs=5):
    rg = shutil.which("rg")
    results = {}
    for name, _, pattern in QUERIES:
        if pattern is None:
            continue
        times = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            subprocess.run([rg, "-i", "-c", pattern, os.path.join(project, "interviews")],
                           stdout=subprocess.DEVNULL, check=False)
            times.append((time.perf_counter() - started) * 1000)
        results[name] = percentiles(times[1:])
    return results


def behov_results(path):
    build, results = None, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts[:2] == ["RESULT", "build"]:
                build = float(parts[2])
            elif parts[:1] == ["RESULT"]:
                results[(parts[1], parts[2])] = (float(parts[3]), float(parts[4]))
    return build, results


def main():
    project, behov_file = sys.argv[1], sys.argv[2]
    iterations = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    answers = sum(1 for _ in rows(project))
    behov_build, behov = behov_results(behov_file)
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(project))) as work:
        fts_build, fts, fts_size = fts5(project, iterations, work)
    rg = ripgrep(project)
    print(f"\n{answers:,} answers ({os.path.basename(os.path.abspath(project))}); "
          f"indexing: behov {behov_build:,.0f} answers/s, FTS5 {fts_build:,.0f} answers/s "
          f"(FTS5 database {fts_size} MB)\n")
    print("| query | behov p50 | behov p99 | with counts p50 | FTS5 p50 | FTS5 p99 | ripgrep p50 "
          "| × FTS5 | × ripgrep |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name, _, _ in QUERIES:
        b50, b99 = behov[("behov", name)]
        c50, _ = behov[("behov+counts", name)]
        f50, f99 = fts[name]
        r50 = rg[name][0] if name in rg else None
        rg_cell = f"{r50:,.0f} ms" if r50 is not None else "n/a"
        rg_ratio = f"{r50 / b50:,.0f}×" if r50 is not None else "n/a"
        print(f"| {name.replace('_', ' ')} | {b50:.2f} ms | {b99:.2f} ms | {c50:.2f} ms | "
              f"{f50:.2f} ms | {f99:.2f} ms | {rg_cell} | {f50 / b50:,.0f}× | {rg_ratio} |")


if __name__ == "__main__":
    main()
