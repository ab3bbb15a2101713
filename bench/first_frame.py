#!/usr/bin/env python3
"""What a user waits for when opening a large project in the interface: `behov open` as a
whole process in a pseudo-terminal, from its start to the first frame that shows the project
(its title on screen) and to the frame with the tabs (the project read and usable). Memory
is read from /proc when the tabs show (resident now, and the peak so far).

usage: bench/first_frame.py PROJECT_DIR ROUNDS BEHOV [BEHOV ...]

Each binary runs once to warm the caches, then ROUNDS times, interleaved round by round so
that a busy machine slows all alike; medians are printed. Needs only python3.
"""

import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time


def status(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def one_run(behov, project, title):
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        os.execv(behov, [behov, "--lang", "en", "open", project])
    seen = b""
    first = ready = None
    rss = hwm = float("nan")
    while ready is None:
        readable, _, _ = select.select([fd], [], [], 60)
        if not readable:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        now = time.perf_counter() - started
        if first is None and title in seen:
            first = now
        if b"1 Interviews" in seen:
            ready = now
            rss, hwm = status(pid, "VmRSS:"), status(pid, "VmHWM:")
    os.write(fd, b"q")
    deadline = time.time() + 30
    while time.time() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        try:
            if select.select([fd], [], [], 0.5)[0]:
                os.read(fd, 65536)
        except OSError:
            pass
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    return first, ready, rss, hwm


def main():
    project, rounds, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    import json
    with open(os.path.join(project, "project.json")) as f:
        title = json.load(f)["title"].encode()
    results = {b: [] for b in binaries}
    for b in binaries:
        one_run(b, project, title)
    for _ in range(rounds):
        for b in binaries:
            results[b].append(one_run(b, project, title))
    print("| binary | first frame p50 | project read p50 | resident | peak |")
    print("|---|--:|--:|--:|--:|")
    for b, runs in results.items():
        med = lambda i: statistics.median(r[i] for r in runs if r[i] is not None)
        print(f"| {b} | {med(0)*1000:,.0f} ms | {med(1)*1000:,.0f} ms "
              f"| {med(2):,.0f} MiB | {max(r[3] for r in runs):,.0f} MiB |")


if __name__ == "__main__":
    main()
