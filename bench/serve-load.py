#!/usr/bin/env python3
"""`smtp-sim serve` against aiosmtpd and Node's smtp-server (each accepting and discarding), all
driven by the same load generators, in one run:

- Postfix's `smtp-source` (the brief's generator): messages per second from the wall time of a
  run of `-m M` messages over `-s N` parallel sessions, one message per connection. It reports no
  latency.
- `bench/loadgen` (Rust, std only): the same session shape (HELO, MAIL, RCPT, DATA, body, QUIT,
  one message per connection), timing each message from its connect to the 250 after the dot:
  messages per second and p50 / p99 latency; then again with connections reused (smtp-source's
  `-d`), latency from MAIL to the 250 after the dot.
- listen drops: the kernel's ListenDrops counter over a level's smtp-source and loadgen runs
  (connections refused because the server's accept queue was full; each costs the client a 1 s
  SYN retransmission).

Levels of 1, 16 and 256 parallel sessions; repetitions interleave the servers (who goes first
rotates); medians are printed, never asserted. Then memory per idle session: a fresh server's
RSS with N sessions open after HELO, minus its RSS before, over N (median of 3 starts).

    python3 bench/serve-load.py [--reps 7] [--levels 1,16,256] [--idle 1000] [--idle-only]
                                [--sim NAME=PATH]... [--servers NAME,...] [--json FILE]

Everything binds and connects to 127.0.0.1 only; every loop is bounded. Expects the smtp-sim
release binary and bench/loadgen built (./build.sh bench does both), smtp-source (Debian
package postfix), aiosmtpd (PyPI) and node_modules/smtp-server.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIM = os.path.join(ROOT, "target/release/smtp-sim")
LOADGEN = os.path.join(ROOT, "target/loadgen/release/smtp-loadgen")
SIZE = 10240
# Messages per run at each level: enough for a few seconds on the slowest server.
MESSAGES = {1: 100, 16: 1500, 256: 3000}


# The smtp-sim binaries compared: [(name, path)]; --sim adds others (say, a build of main as
# "serve (before)") to run side by side with this one.
SIMS = [("smtp-sim serve", SIM)]
# Names of the servers to run (--servers); None: all.
ONLY = None


def servers(base=25251):
    """(name, port, command) of each server, on `base` and the ports after it."""
    cmds = [(name, lambda p, path=path: [path, "serve", "--listen", f"127.0.0.1:{p}", "--max-sessions", "4096", "--no-starttls"])
            for name, path in SIMS]
    cmds.append(("aiosmtpd", lambda p: [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{p}", "-c", "aiosmtpd.handlers.Sink"]))
    cmds.append(("smtp-server", lambda p: ["node", os.path.join(ROOT, "bench/smtp-server-sink.mjs"), str(p)]))
    return [(name, base + k, cmd(base + k)) for k, (name, cmd) in enumerate(cmds) if ONLY is None or name in ONLY]


def wait_port(port, proc, secs=20):
    end = time.monotonic() + secs
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.recv(512)
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port}")


def listen_drops():
    """The kernel's count of connections dropped because a listen queue was full (all sockets)."""
    with open("/proc/net/netstat") as f:
        lines = f.read().splitlines()
    for head, vals in zip(lines[::2], lines[1::2]):
        if head.startswith("TcpExt:"):
            return dict(zip(head.split()[1:], map(int, vals.split()[1:]))).get("ListenDrops", 0)
    return 0


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def smtp_source(port, sessions, messages):
    cmd = ["smtp-source", "-s", str(sessions), "-m", str(messages), "-l", str(SIZE),
           "-f", "load@client.example.test", "-t", "sink@mx.example.test",
           "-M", "client.example.test", f"127.0.0.1:{port}"]
    t = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    secs = time.monotonic() - t
    if r.returncode != 0:
        print(f"    smtp-source on {port}: exit {r.returncode}: {r.stderr.strip()[:200]}", file=sys.stderr)
        return None
    return messages / secs


def loadgen(port, sessions, messages, reuse=False):
    cmd = [LOADGEN, "--addr", f"127.0.0.1:{port}", "--sessions", str(sessions),
           "--messages", str(messages), "--size", str(SIZE)] + (["--reuse"] if reuse else [])
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        print(f"    loadgen on {port}: exit {r.returncode}: {r.stderr.strip()[:200]}", file=sys.stderr)
        return None
    out = json.loads(r.stdout)
    if out["errors"]:
        print(f"    loadgen on {port}: {out['errors']} failed messages", file=sys.stderr)
    return out


def idle_memory(pid, port, n, hold=4):
    base = rss_kib(pid)
    p = subprocess.Popen([LOADGEN, "--addr", f"127.0.0.1:{port}", "--idle", str(n), "--hold", str(hold)],
                         stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    if line.strip() != "ready":
        p.wait(timeout=hold + 30)
        return None
    time.sleep(1)
    held = rss_kib(pid)
    p.wait(timeout=hold + 30)
    time.sleep(1)
    return (held - base) / n


def idle_all(n, starts=3):
    """Memory per idle session, each server started afresh (a heap that has served thousands of
    messages hands new sessions memory it already holds, and the RSS would not move)."""
    # Other ports than the throughput run's servers, which may still be listening.
    per = {name: [] for name, _, _ in servers(25271)}
    for _ in range(starts):
        for name, port, cmd in servers(25271):
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
            try:
                wait_port(port, p)
                loadgen(port, 2, 20)
                time.sleep(1)
                x = idle_memory(p.pid, port, n)
                if x is not None:
                    per[name].append(x)
            finally:
                p.terminate()
                p.wait(timeout=10)
    return {name: (statistics.median(v) if v else None) for name, v in per.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--levels", default="1,16,256")
    ap.add_argument("--idle", type=int, default=1000)
    ap.add_argument("--json")
    ap.add_argument("--idle-only", action="store_true", help="only the memory per idle session")
    ap.add_argument("--sim", action="append", default=[], metavar="NAME=PATH",
                    help="another smtp-sim binary to run side by side (e.g. a build of main)")
    ap.add_argument("--servers", help="comma-separated names of the servers to run (default: all)")
    a = ap.parse_args()
    global ONLY
    for spec in a.sim:
        name, _, path = spec.partition("=")
        if not os.path.exists(path):
            raise SystemExit(f"--sim {spec}: no such file")
        SIMS.append((name, os.path.abspath(path)))
    if a.servers:
        ONLY = set(a.servers.split(","))
    levels = [int(x) for x in a.levels.split(",")]
    for tool in (SIM, LOADGEN):
        if not os.path.exists(tool):
            raise SystemExit(f"{tool} is missing: ./build.sh bench builds it")
    if not shutil.which("smtp-source"):
        raise SystemExit("smtp-source is missing: apt-get install postfix")

    if a.idle_only:
        mem = idle_all(a.idle)
        for name, kib in mem.items():
            print(f"    {name:<16} {kib:8.1f} KiB per idle session" if kib is not None else f"    {name:<16} -")
        return
    procs = []
    try:
        for name, port, cmd in servers():
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
            procs.append((name, port, p))
        for name, port, p in procs:
            wait_port(port, p)
            loadgen(port, 4, 200)  # warm up: imports, JIT, allocator
        results = {}
        for level in levels:
            m = MESSAGES.get(level, 2000)
            rows = {name: {"source": [], "loadgen": [], "p50": [], "p99": [], "reuse": [], "reuse_p99": [], "drops": []}
                    for name, _, _ in procs}
            for rep in range(a.reps):
                order = procs[rep % len(procs):] + procs[:rep % len(procs)]
                for name, port, _ in order:
                    before = listen_drops()
                    rate = smtp_source(port, level, m)
                    if rate:
                        rows[name]["source"].append(rate)
                    out = loadgen(port, level, m)
                    if out:
                        rows[name]["loadgen"].append(out["per_second"])
                        rows[name]["p50"].append(out["p50_ms"])
                        rows[name]["p99"].append(out["p99_ms"])
                    rows[name]["drops"].append(listen_drops() - before)
                    out = loadgen(port, level, m, reuse=True)
                    if out:
                        rows[name]["reuse"].append(out["per_second"])
                        rows[name]["reuse_p99"].append(out["p99_ms"])
            results[level] = {name: {k: (statistics.median(v) if v else None) for k, v in r.items()} for name, r in rows.items()}
            print(f"  {level} parallel sessions, {m} messages of {SIZE} octets per run, medians of {a.reps}:", flush=True)
            for name, r in results[level].items():
                fmt = lambda x, f: f.format(x) if x is not None else "-"
                print(f"    {name:<16} smtp-source {fmt(r['source'], '{:7.0f}')} msg/s | loadgen {fmt(r['loadgen'], '{:7.0f}')} msg/s"
                      f" p50 {fmt(r['p50'], '{:7.2f}')} ms p99 {fmt(r['p99'], '{:7.2f}')} ms | reused connections"
                      f" {fmt(r['reuse'], '{:7.0f}')} msg/s p99 {fmt(r['reuse_p99'], '{:7.2f}')} ms | listen drops {fmt(r['drops'], '{:.0f}')}",
                      flush=True)
        mem = idle_all(a.idle)
        print(f"  memory per idle session (fresh server; RSS with {a.idle} sessions open after HELO − RSS before, / {a.idle}; median of 3 starts):")
        for name, kib in mem.items():
            print(f"    {name:<16} {kib:8.1f} KiB" if kib is not None else f"    {name:<16} -")
        if a.json:
            with open(a.json, "w") as f:
                json.dump({"levels": results, "idle_kib": mem}, f, indent=2)
    finally:
        for _, _, p in procs:
            p.terminate()
        for _, _, p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
