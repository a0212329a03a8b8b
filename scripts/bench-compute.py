#!/usr/bin/env python3
"""The compute benchmark (issue 4), on the whole agent.

For each N it writes a libvirt test-driver node of N instances (fixtures/libvirt/make-node.py),
lays out a fresh agent home from the built distribution (distribution/felix-dist/target/alidade),
points the compute source at the node (every INTERVAL seconds, the host source removed), starts
`bin/alidade --service` with the agent's default JVM flags (or ALIDADE_JAVA_OPTS) and reads, for
each polling cycle (discovery -> every compute pollster -> signing -> JSON-lines file sink):

  wall      the engine's cycle time (its log line "cycle 10s: ... in N ms")
  cycle cpu the agent process's CPU time (user + system, /proc/PID/stat, read every 50 ms) from
            the cycle's start until its sink has written it: discovery, pollsters, signing,
            JSON, file writes, garbage collection, JIT
            — and of that, the JIT compiler threads' share (they compile for minutes after the
            start, less at each cycle) and the garbage collector's (the VM thread); per sample
            also the polling threads' (pollsters, libvirt calls, signing), the sink thread's
            (JSON, file writes) and, across all threads and counted in their shares too, the
            kernel's (system time: mostly the file sink's copy into the page cache)
  interval cpu
            the same from the end of the previous cycle to the end of this one: the cycle and
            the idle rest of the interval (timers, file watchers)
  samples   samples of the cycle, and lines the file sink wrote for it
  calls     libvirt calls of the cycle (the inspector's debug line at the next snapshot)
and at the end the agent's peak RSS (VmHWM: the start and the first, cold cycle included), the
largest RSS seen once the warm-up cycles are over (VmRSS every 50 ms: what a running agent
holds), and whether the file holds exactly one line per sample. The peak includes the test
driver's parse of the node file while the connection opens (a transient of the test driver:
with qemu:///system nothing is parsed there), so the largest RSS seen (every 50 ms) from the
moment the inspector logs the open connection is printed too: the agent's own peak, its first
cycle included. The first cycles run while the JIT compiles; the summary is the median over the cycles
after WARMUP.

libvirt's test driver runs inside the agent's process (test:///node.xml is opened in-process),
so its memory counts in the RSS here; with qemu:///system it is libvirtd's. The benchmark
measures it on its own (the same library opening the same node, malloc's free memory handed
back as the agent's JVM does every 2 s: scripts/libvirt-footprint.py) and prints the agent's
RSS without it too.

usage: bench-compute.py DIST FIXTURES WORK [N ...]
env:   CYCLES (16), WARMUP (8), INTERVAL (10), ALIDADE_JAVA_OPTS, REMOTE (1: the node served by a
       libvirtd of the benchmark's own, see LibvirtDaemon)
"""
import hashlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

CLOCK = os.sysconf("SC_CLK_TCK")


def stat(path):
    """The name and the system CPU time (seconds, in 10 ms ticks) of a /proc .../stat file."""
    with open(path) as f:
        text = f.read()
    fields = text.rsplit(")", 1)[1].split()
    return text[text.index("(") + 1:text.rindex(")")], int(fields[12]) / CLOCK


# the parts of the agent's CPU time that the benchmark tells apart, by thread name
PARTS = ("jit", "gc", "poll", "sink", "kernel")


SEEN = {}  # (pid, task) -> (name, CPU seconds) when last read: a thread that ended keeps its time


def thread_times(pid):
    """Per live thread (task id): its name, its CPU time to the nanosecond (the first field of its
    schedstat: the scheduler's own count; the stat file's user and system times are the same count
    in 10 ms ticks, too coarse for a cycle of a few tens of milliseconds) and how many times it was
    scheduled (the third field: its wakes). A thread that ends while it is read is left out."""
    out = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            name = stat(f"/proc/{pid}/task/{task}/stat")[0]
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                ns, _, runs = (int(x) for x in f.read().split())
        except (OSError, ValueError):
            continue
        out[task] = (name, ns / 1e9, runs)
    return out


def read_threads(pid):
    """Each thread's CPU time into SEEN (see thread_times). A thread that has ended (the polling
    pool lets idle threads go) counts with its time when last read."""
    for task, (name, seconds, _) in thread_times(pid).items():
        SEEN[(pid, task)] = (name, seconds)


def cpu_times(pid):
    """The agent's CPU time (all its threads', to the nanosecond: see read_threads) and its parts:
    the JIT compiler threads, the VM thread (where the serial collector runs), the polling threads
    (pollsters, libvirt calls, signing), the sink threads (JSON, file writes), and the system
    time of the whole process (file writes, futexes; in 10 ms ticks: the kernel counts no finer),
    which the thread parts include too."""
    read_threads(pid)
    total, parts = 0.0, dict.fromkeys(PARTS, 0.0)
    for (p, _), (name, seconds) in SEEN.items():
        if p != pid:
            continue
        total += seconds
        if "CompilerThre" in name:
            parts["jit"] += seconds
        elif name == "VM Thread":
            parts["gc"] += seconds
        elif name.startswith("alidade-poll"):
            parts["poll"] += seconds
        elif name.startswith("alidade-sink"):
            parts["sink"] += seconds
    parts["kernel"] = stat(f"/proc/{pid}/stat")[1]
    return (total, *(parts[k] for k in PARTS))


def rss_mib(pid, field="VmHWM"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


class LineCounter:
    """Lines the file sink wrote: the current file's and those of the rotated files counted so far.
    A rotated file is deleted once counted, as the sink's own `file_sink_keep` does in service: the
    page cache then reuses its pages. Without that, every cycle's lines would go into memory this
    VM has never touched, which costs about ten times the copy itself (dd here: 4.2 s of system
    time per GB into fresh page cache, 0.4 s per GB into reused pages) and is not what a hypervisor
    with a rotating sample file pays."""

    def __init__(self, folder):
        self.folder = folder
        self.rotated = 0
        self.counted = set()  # inodes of rotated files counted but not yet deleted

    @staticmethod
    def lines(f):
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))

    def count(self):
        current = 0
        names = sorted(os.listdir(self.folder)) if os.path.isdir(self.folder) else []
        for name in names:
            path = os.path.join(self.folder, name)
            if name == "samples.jsonl":
                with open(path, "rb") as f:
                    current = self.lines(f)
            elif name.startswith("samples.jsonl."):
                # the sink may rotate while this runs (a cycle that overran its interval), and a
                # rotation moves every rotated file to the next number: the file is known by its
                # inode, counted through the descriptor opened, and deleted only if the name still
                # holds that inode (else it is deleted at its next name, by a later call)
                try:
                    with open(path, "rb") as f:
                        inode = os.fstat(f.fileno()).st_ino
                        if inode not in self.counted:
                            self.rotated += self.lines(f)
                            self.counted.add(inode)
                    if os.stat(path).st_ino == inode:
                        os.remove(path)
                        self.counted.discard(inode)
                except FileNotFoundError:
                    pass  # moved on: counted, or counted at its new number by a later call
        return self.rotated + current


def driver_footprint_mib(node):
    """RSS that libvirt's test driver adds to a process that opens this node (a ctypes probe)."""
    probe = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libvirt-footprint.py")
    out = subprocess.run([sys.executable, probe, node], check=True, capture_output=True, text=True).stdout
    return float(out.split()[0])


class LibvirtDaemon:
    """A libvirtd of the benchmark's own (REMOTE=1): its sockets in a fresh folder, no hypervisor
    drivers loaded (LIBVIRT_DRIVER_DIR is an empty folder), so it serves libvirt's test driver
    over libvirt's remote protocol, as a host's libvirtd serves qemu:///system. The agent then
    holds no test driver: its RSS is its own, the node file parsed in the daemon."""

    def __init__(self):
        if not os.access("/usr/sbin/libvirtd", os.X_OK):
            raise SystemExit("bench-compute: REMOTE=1 needs libvirtd (Debian package libvirt-daemon; "
                             "scripts/test.sh installs it)")
        self.dir = tempfile.mkdtemp(prefix="alidade-bench-libvirtd-")  # a socket path has at most 107 bytes
        os.makedirs(os.path.join(self.dir, "no-drivers"))
        conf = os.path.join(self.dir, "libvirtd.conf")
        with open(conf, "w") as f:
            f.write(f'unix_sock_dir = "{self.dir}"\nunix_sock_ro_perms = "0777"\nunix_sock_rw_perms = "0700"\n'
                    f'auth_unix_ro = "none"\nauth_unix_rw = "none"\n'
                    f'log_outputs = "3:file:{self.dir}/libvirtd.log"\n')
        self.socket = os.path.join(self.dir, "libvirt-sock-ro")
        env = dict(os.environ, LIBVIRT_DRIVER_DIR=os.path.join(self.dir, "no-drivers"))
        self.process = subprocess.Popen(["/usr/sbin/libvirtd", "--config", conf, "--pid-file",
                                         os.path.join(self.dir, "libvirtd.pid")], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while not os.path.exists(self.socket):
            if self.process.poll() is not None or time.time() > deadline:
                self.close()
                raise SystemExit(f"bench-compute: the benchmark's libvirtd did not start; see {self.dir}")
            time.sleep(0.05)

    def uri(self, node):
        return f"test+unix://{node}?socket={self.socket}"

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def node_file(fixtures, work, n):
    """The test-driver node of N instances in WORK, written by fixtures/libvirt/make-node.py once."""
    node = os.path.join(work, f"node-{n}.xml")
    if not os.path.exists(node):
        subprocess.run([sys.executable, os.path.join(fixtures, "make-node.py"), str(n), node], check=True)
    return node


def prepare(dist, home, node, interval, uri=None):
    shutil.rmtree(home, ignore_errors=True)
    for d in ("bin", "lib", "bundle", "conf", "etc"):
        shutil.copytree(os.path.join(dist, d), os.path.join(home, d))
    os.makedirs(os.path.join(home, "deploy"))
    etc = os.path.join(home, "etc")
    os.remove(os.path.join(etc, "org.alidade.polling.source-host.cfg"))
    with open(os.path.join(etc, "org.alidade.compute.libvirt.cfg"), "w") as f:
        f.write(f"uri = {uri or 'test://' + node}\n")
    source = os.path.join(etc, "org.alidade.polling.source-compute.cfg")
    with open(source) as f:
        text = f.read()
    with open(source, "w") as f:
        f.write(re.sub(r"(?m)^interval = .*$", f"interval = {interval}", text))
    with open(os.path.join(etc, "org.alidade.publisher.cfg"), "a") as f:
        # rotated at the default size; rotated files are counted, then deleted by the benchmark (LineCounter)
        f.write("\nfile_sink_keep = 100\n")
    with open(os.path.join(etc, "org.ops4j.pax.logging.cfg"), "a") as f:
        f.write("\nlog4j2.logger.bench.name = org.alidade.compute.libvirt.LibvirtInspector\n"
                "log4j2.logger.bench.level = DEBUG\n")


def run(dist, fixtures, work, n, cycles, warmup, interval):
    remote = LibvirtDaemon() if os.environ.get("REMOTE", "0") == "1" else None
    try:
        return measure(dist, fixtures, work, n, cycles, warmup, interval, remote)
    finally:
        if remote:
            remote.close()


def measure(dist, fixtures, work, n, cycles, warmup, interval, remote):
    node = node_file(fixtures, work, n)
    home = os.path.join(work, f"agent-{n}")
    prepare(dist, home, node, interval, remote.uri(node) if remote else None)
    log = os.path.join(home, "data", "log", "alidade.log")
    samples_dir = os.path.join(home, "data", "samples")
    opts = os.environ.get("ALIDADE_JAVA_OPTS", "(the agent's default JVM flags)")
    where = "over libvirt's remote protocol from a libvirtd of its own" if remote else "in-process"
    print(f"== N={n}: {cycles} cycles every {interval} s; JVM: {opts}; test driver {where}", flush=True)
    agent = subprocess.Popen([os.path.join(home, "bin", "alidade"), "--service"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.STDOUT, start_new_session=True)
    cycle_re = re.compile(rf"cycle {interval}s: \d+ calls, (\d+) samples, (\d+) errors.* in (\d+) ms")
    calls_re = re.compile(r"snapshot of .*; (\d+) libvirt calls since the previous snapshot")
    rows, calls = [], []
    history = []  # (time, cpu) every 50 ms: the CPU time at a cycle's start is looked up here
    steady_rss = 0.0  # the largest RSS once the warm-up cycles are over
    open_rss = None  # the largest RSS once libvirt's connection is open (None until then)
    deadline = time.time() + 120 + cycles * (interval + 30)
    try:
        cpu0, pos, lines0 = 0.0, 0, 0
        counter = LineCounter(samples_dir)
        while len(rows) < cycles:
            if agent.poll() is not None:
                raise SystemExit(f"bench-compute: the agent exited with {agent.returncode}; see {log}")
            if time.time() > deadline:
                raise SystemExit(f"bench-compute: no cycle {len(rows) + 1} in time; see {log}")
            time.sleep(0.05)
            history.append((time.time(), *cpu_times(agent.pid)))
            if len(rows) >= warmup:
                steady_rss = max(steady_rss, rss_mib(agent.pid, "VmRSS"))
            if open_rss is not None:
                open_rss = max(open_rss, rss_mib(agent.pid, "VmRSS"))
            del history[:-2000]
            if not os.path.exists(log):
                continue
            with open(log, errors="replace") as f:
                f.seek(pos)
                chunk = f.read()
                pos = f.tell()
            for line in chunk.splitlines():
                if open_rss is None and "libvirt connection" in line and " open (read-only)" in line:
                    open_rss = rss_mib(agent.pid, "VmRSS")
                m = calls_re.search(line)
                if m:
                    calls.append(int(m.group(1)))
                m = cycle_re.search(line)
                if m:
                    wall = int(m.group(3)) / 1000
                    start = history[-1][0] - wall - 0.1  # the line was seen within 50 ms of the cycle's end
                    _, cpu_start, *parts_start = next((h for h in reversed(history) if h[0] <= start), history[0])
                    time.sleep(0.5)  # the sink writes the cycle's last batches (its queue holds 2000 samples)
                    cpu, *parts = cpu_times(agent.pid)
                    lines = counter.count()
                    rows.append({"samples": int(m.group(1)), "errors": int(m.group(2)), "wall": wall,
                                 "cpu": cpu - cpu0, "cycle_cpu": cpu - cpu_start, "written": lines - lines0,
                                 **{k: b - a for k, b, a in zip(PARTS, parts, parts_start)}})
                    cpu0, lines0 = cpu, lines
        # one more cycle: its snapshot's line gives the last counted cycle's libvirt calls, and
        # once it has ended (and its sink written it) every cycle so far is in the file
        later, tail, until = 0, "", time.time() + interval + 120
        while later == 0 and time.time() < until:
            time.sleep(0.2)
            with open(log, errors="replace") as f:
                f.seek(pos)
                tail = f.read()
            later = sum(int(x.group(1)) for x in cycle_re.finditer(tail))
        calls += [int(x.group(1)) for x in calls_re.finditer(tail)]
        time.sleep(0.5)
        rss = rss_mib(agent.pid)
        total_lines = counter.count()
    finally:
        os.killpg(agent.pid, signal.SIGTERM)
        try:
            agent.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(agent.pid, signal.SIGKILL)
    # calls[0] is the first snapshot's (the start); calls[k] are cycle k's
    for i, r in enumerate(rows):
        r["calls"] = calls[i + 1] if i + 1 < len(calls) else None
        note = " (first: JVM cold, reads every domain XML; cpu includes the agent's start)" if i == 0 else ""
        print(f"cycle {i + 1}{note}: wall {r['wall']:.3f} s, cycle cpu {r['cycle_cpu']:.3f} s "
              f"({r['cycle_cpu'] * 1e6 / max(1, r['samples']):.2f} us/sample; JIT {r['jit']:.2f} s, GC {r['gc']:.2f} s), "
              f"without JIT {(r['cycle_cpu'] - r['jit']) * 1e6 / max(1, r['samples']):.2f} us/sample, interval cpu {r['cpu']:.2f} s "
              f"({r['cpu'] * 1e6 / max(1, r['samples']):.2f} us/sample), samples {r['samples']} "
              f"(written {r['written']}), libvirt calls {r['calls']}, errors {r['errors']}; per sample: "
              + ", ".join(f"{k} {r[k] * 1e6 / max(1, r['samples']):.2f} us" for k in PARTS[2:]), flush=True)
    steady = rows[warmup:] or rows[1:]
    wall = statistics.median(r["wall"] for r in steady)
    cycle_cpu = statistics.median(r["cycle_cpu"] for r in steady)
    no_jit = statistics.median(r["cycle_cpu"] - r["jit"] for r in steady)
    gc = statistics.median(r["gc"] for r in steady)
    cpu = statistics.median(r["cpu"] for r in steady)
    samples = statistics.median(r["samples"] for r in steady)
    split = ", ".join(f"{k} {statistics.median(r[k] for r in steady) * 1e6 / max(1, samples):.2f}us"
                      for k in PARTS[2:])
    known = [r["calls"] for r in steady if r["calls"] is not None]
    driver = 0.0 if remote else driver_footprint_mib(node)
    expected = sum(r["samples"] for r in rows) + later
    print(f"RESULT N={n} cycles={len(steady)} (median after {len(rows) - len(steady)} warm-up) wall={wall:.3f}s "
          f"samples={samples:.0f} cycle-cpu={cycle_cpu:.3f}s ({cycle_cpu * 1e6 / max(1, samples):.2f}us/sample; "
          f"without JIT {no_jit * 1e6 / max(1, samples):.2f}us/sample, of which GC {gc * 1e6 / max(1, samples):.2f}; "
          f"threads per sample: {split}) "
          f"interval-cpu={cpu:.3f}s ({cpu * 1e6 / max(1, samples):.2f}us/sample; idle "
          f"{(cpu - cycle_cpu) * 1000 / interval:.1f}ms/s) "
          f"libvirt-calls/cycle={statistics.median(known) if known else '?'} peak-rss={rss:.1f}MiB "
          f"steady-rss={steady_rss:.1f}MiB (libvirt test driver {'in libvirtd' if remote else 'in-process'} {driver:.1f}MiB; agent without "
          f"it: peak {rss - driver:.1f}MiB, peak once libvirt is open {(open_rss or float('nan')) - driver:.1f}MiB, "
          f"steady {steady_rss - driver:.1f}MiB) "
          f"file-lines={total_lines} of {expected} samples", flush=True)
    for name in os.listdir(samples_dir):
        os.remove(os.path.join(samples_dir, name))  # hundreds of MB at N=10000
    if total_lines != expected:
        print(f"bench-compute: N={n}: the file sink wrote {total_lines} lines for {expected} samples", file=sys.stderr)
        return False
    return True


def host_line():
    """The CPU and a reference speed, so that figures of different runs can be compared: the same
    code measured 6 µs per sample on one VM of this machine kind and 11 on another."""
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    data = bytes(1 << 20)
    rates = []
    for _ in range(5):  # SHA-256 of 128 MiB: OpenSSL's, with the CPU's SHA instructions as the agent's HMAC
        start = time.process_time()
        h = hashlib.sha256()
        for _ in range(128):
            h.update(data)
        rates.append(128 / (time.process_time() - start))
    return (f"host: {model}, {os.cpu_count()} CPUs; SHA-256 on one thread {max(rates):.0f} MiB/s "
            f"(best of 5; median {statistics.median(rates):.0f})")


def main():
    dist, fixtures, work = sys.argv[1:4]
    print(host_line(), flush=True)
    sizes = [int(x) for x in sys.argv[4:]] or [100, 1000, 10000]
    cycles = int(os.environ.get("CYCLES", "16"))
    warmup = int(os.environ.get("WARMUP", "8"))
    interval = int(os.environ.get("INTERVAL", "10"))
    os.makedirs(work, exist_ok=True)
    ok = all([run(dist, fixtures, work, n, cycles, warmup, interval) for n in sizes])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
