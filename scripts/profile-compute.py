#!/usr/bin/env python3
"""Where the compute agent's CPU goes (issue 4): a profile, not a benchmark.

Lays out an agent home as the compute benchmark does (bench-compute.py: a libvirt test-driver node
of N instances, the compute source alone) with cycles every 2 s and the rotated sample files
deleted (file_sink_keep = 1), starts it with the agent's default JVM flags plus
-XX:+PreserveFramePointer (call chains through JIT code), lets WARM seconds of cycles pass, then
records RECORD seconds with `perf record -e cpu-clock -g` (this VM has no hardware counters) and
the JIT's symbol map (`jcmd Compiler.perfmap`), and prints the CPU by thread, the hottest
functions by their own time, and the Alidade and JDK functions by inclusive time (their callees
counted: `Signer.feed` is all of signing). The perf data stays in WORK/perf.data for `perf report`.

Read the shares against each other: a sampling profile of JIT code under inlining can put time on
the wrong frame, so check a change it suggests with a microbenchmark, and measure it with
scripts/bench-compute.sh.

usage: profile-compute.py DIST FIXTURES WORK [N [WARM [RECORD]]]   (1000, 40 s, 20 s)
"""
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time


def bench_module():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-compute.py")
    spec = importlib.util.spec_from_file_location("bench_compute", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report(data, *args):
    out = subprocess.run(["perf", "report", "-i", data, "-q", "-g", "none", *args], capture_output=True,
                         text=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def main():
    dist, fixtures, work = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    warm = int(sys.argv[5]) if len(sys.argv) > 5 else 40
    record = int(sys.argv[6]) if len(sys.argv) > 6 else 20
    if shutil.which("perf") is None:
        raise SystemExit("profile-compute: perf is not installed (Debian: apt-get install linux-perf)")
    bench = bench_module()
    os.makedirs(work, exist_ok=True)
    node = bench.node_file(fixtures, work, n)
    home = os.path.join(work, f"profile-{n}")
    bench.prepare(dist, home, node, 2)
    with open(os.path.join(home, "etc", "org.alidade.publisher.cfg"), "a") as f:
        f.write("\nfile_sink_keep = 1\n")  # the page cache reuses its pages (see bench-compute.py)
    with open(os.path.join(home, "bin", "alidade")) as f:
        m = re.search(r'^opts=\$\{ALIDADE_JAVA_OPTS:-"(.*)"\}$', f.read(), re.M)
    flags = m.group(1) if m else ""
    if not flags:
        raise SystemExit("profile-compute: cannot read the default JVM flags from bin/alidade")
    env = dict(os.environ, ALIDADE_JAVA_OPTS=flags + " -XX:+PreserveFramePointer")
    log = os.path.join(home, "data", "log", "alidade.log")
    print(f"== N={n}: cycles every 2 s, {warm} s of warm-up, {record} s recorded; JVM: {env['ALIDADE_JAVA_OPTS']}",
          flush=True)
    agent = subprocess.Popen([os.path.join(home, "bin", "alidade"), "--service"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    data = os.path.join(work, "perf.data")
    try:
        time.sleep(warm)
        if agent.poll() is not None:
            raise SystemExit(f"profile-compute: the agent exited with {agent.returncode}; see {log}")
        subprocess.run(["jcmd", str(agent.pid), "Compiler.perfmap"], check=True, capture_output=True)
        subprocess.run(["perf", "record", "-e", "cpu-clock", "-F", "2000", "-g", "-p", str(agent.pid), "-o", data,
                        "--", "sleep", str(record)], check=True, capture_output=True)
        subprocess.run(["jcmd", str(agent.pid), "Compiler.perfmap"], check=True, capture_output=True)
    finally:
        os.killpg(agent.pid, signal.SIGTERM)
        agent.wait(30)
    with open(log, errors="replace") as f:
        cycles = re.findall(r"cycle 2s: .*", f.read())
    print(f"{len(cycles)} cycles; the last: {cycles[-1] if cycles else 'none'}")
    print("-- CPU by thread")
    print("\n".join(report(data, "--no-children", "--sort", "comm")[:12]))
    print("-- hottest functions, own time")
    print("\n".join(report(data, "--no-children", "--sort", "sym")[:30]))
    print("-- Alidade and JDK functions, inclusive time")
    inclusive = [line for line in report(data, "--children", "--sort", "sym")
                 if re.search(r"org\.alidade|java\.|sun\.|\[k\] (ksys_write|do_syscall_64)|GenCollectedHeap::collect", line)]
    print("\n".join(inclusive[:40]))


if __name__ == "__main__":
    main()
