#!/usr/bin/env python3
"""What the agent spends between cycles (issue 4: an agent that must be invisible on a hypervisor).

At the compute source's default interval of 300 s an agent spends most of its CPU idle, and on
these VMs what a thread spends there is set more by how often it wakes than by what it does. This
lays out a fresh agent home (as scripts/bench-compute.py does) polling a libvirt test-driver node
of N instances every INTERVAL seconds, lets it run WARM seconds (start, first cycle, JIT), then
reads every thread's CPU time and the times it was scheduled ("wakes": the third field of
/proc/PID/task/T/schedstat) over READ seconds, and prints them by thread, largest first, and in all
(ms of CPU a second, wakes a second). A cycle that falls inside the reading is reported and
counted (pick INTERVAL above WARM + READ to read the idle agent only).

usage: bench-idle.py DIST FIXTURES WORK [N]      (100)
env:   WARM (s, 180), READ (s, 120), INTERVAL (s, 300), ALIDADE_JAVA_OPTS
"""
import importlib.util
import os
import re
import signal
import subprocess
import sys
import time

_spec = importlib.util.spec_from_file_location(
    "bench_compute", os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-compute.py"))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def cycles_logged(log):
    try:
        with open(log) as f:
            return sum(1 for line in f if re.search(r"\| PollingEngine +\| cycle \d+s:", line))
    except OSError:
        return 0


def main():
    dist, fixtures, work = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    warm = float(os.environ.get("WARM", "180"))
    seconds = float(os.environ.get("READ", "120"))
    interval = int(os.environ.get("INTERVAL", "300"))
    os.makedirs(work, exist_ok=True)
    node = bench.node_file(fixtures, work, n)
    home = os.path.join(work, f"idle-{n}")
    bench.prepare(dist, home, node, interval)
    log = os.path.join(home, "data", "log", "alidade.log")
    opts = os.environ.get("ALIDADE_JAVA_OPTS", "(the agent's default JVM flags)")
    print(f"{bench.host_line()}", flush=True)
    print(f"== N={n}, compute every {interval} s: {warm:.0f} s of warm-up, then {seconds:.0f} s read; "
          f"JVM: {opts}", flush=True)
    agent = subprocess.Popen([os.path.join(home, "bin", "alidade"), "--service"], cwd=home,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(warm)
        if agent.poll() is not None:
            sys.exit(f"the agent ended during the warm-up (exit {agent.returncode}); see {log}")
        pid = agent.pid  # bin/alidade execs the JVM
        before_cycles = cycles_logged(log)
        before = bench.thread_times(pid)
        time.sleep(seconds)
        after = bench.thread_times(pid)
        during = cycles_logged(log) - before_cycles
    finally:
        try:
            os.killpg(agent.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass  # it ended already (reported above)
        agent.wait(timeout=60)
    rows = []
    for task, (name, cpu, runs) in after.items():
        _, cpu0, runs0 = before.get(task, (name, 0.0, 0))
        rows.append(((cpu - cpu0) * 1000, runs - runs0, name))
    rows.sort(reverse=True)
    total_ms = sum(r[0] for r in rows)
    total_runs = sum(r[1] for r in rows)
    print(f"{'thread':<22} {'CPU ms':>8} {'wakes':>7} {'us/wake':>8}")
    for ms, runs, name in rows:
        if runs:
            print(f"{name:<22} {ms:8.2f} {runs:7d} {ms * 1000 / runs:8.1f}")
    print(f"RESULT N={n} idle over {seconds:.0f} s: {total_ms / seconds:.2f} ms of CPU a second, "
          f"{total_runs / seconds:.2f} wakes a second; cycles during the reading: {during}")


if __name__ == "__main__":
    main()
