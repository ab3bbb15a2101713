#!/usr/bin/env python3
"""What a user or a script waits for: `behov search` and `behov summary` as whole processes
(start-up, opening the project and the index, output) against the `sqlite3` shell with FTS5
and against ripgrep, interleaved round by round so that a busy machine slows all alike.

usage: bench/process.py BEHOV PROJECT_DIR [ROUNDS] [WORD]

BEHOV is the behov binary (target/release/behov), PROJECT_DIR a `behov synth` project whose
index is built (`behov index PROJECT_DIR`). The FTS5 database of the same answers is made
once beside the project (PROJECT_DIR.fts5.db, with bench/compare.py's rows). Each command
runs once to warm the caches, then ROUNDS times (default 11) in turn; the table gives the
median wall time, the largest resident memory of a run (the kernel's own accounting, from
wait4) and the median of the round-by-round ratios.

Needs python3 (its sqlite3 module has FTS5), the sqlite3 shell and ripgrep:
    apt-get install sqlite3 ripgrep
"""

import os
import sqlite3
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import rows  # noqa: E402


def fts5_db(project):
    path = project.rstrip("/") + ".fts5.db"
    if not os.path.exists(path):
        db = sqlite3.connect(path)
        db.execute("CREATE VIRTUAL TABLE answers USING fts5(text, codes, interview UNINDEXED, "
                   "question UNINDEXED, tokenize='unicode61')")
        with db:
            db.executemany("INSERT INTO answers VALUES (?, ?, ?, ?)", rows(project))
        db.close()
    return path


def run(command):
    """Wall seconds and peak resident memory (MB) of one run, its output thrown away."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{command[0]} failed: {command}")
    return wall, usage.ru_maxrss / 1024


def main():
    behov, project = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 11
    word = sys.argv[4] if len(sys.argv) > 4 else "finansiering"
    db = fts5_db(project)
    sql = ("SELECT interview, question, snippet(answers, 0, '[', ']', '…', 24) FROM answers "
           f"WHERE answers MATCH '{word}' ORDER BY rank LIMIT 20;")
    commands = {
        f"`behov search {word} --limit 20 --format json`":
            [behov, "search", word, "--project", project, "--limit", "20", "--format", "json"],
        "`sqlite3` FTS5, top 20 by rank with `snippet()`": ["sqlite3", db, sql],
        f"`rg -c -i {word}` over the interview files":
            ["rg", "-c", "-i", word, os.path.join(project, "interviews")],
        "`behov summary --format json`": [behov, "summary", project, "--format", "json"],
    }
    for command in commands.values():
        run(command)
    times = {name: [] for name in commands}
    peaks = {name: 0.0 for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            wall, peak = run(command)
            times[name].append(wall)
            peaks[name] = max(peaks[name], peak)
    names = list(commands)
    search = times[names[0]]
    print(f"{project}: {rounds} rounds, medians")
    print()
    print("| command | wall p50 | min–max | peak memory | behov search ÷ this |")
    print("|---|--:|--:|--:|--:|")
    for name in names:
        t = times[name]
        ratio = statistics.median(a / b for a, b in zip(search, t))
        print(f"| {name} | {statistics.median(t) * 1000:.0f} ms | "
              f"{min(t) * 1000:.0f}–{max(t) * 1000:.0f} ms | {peaks[name]:.0f} MB | {ratio:.2f} |")


if __name__ == "__main__":
    main()
