package org.alidade.compute.libvirt;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (a command, not a test): reading qemu-shaped bulk statistics, as a snapshot does for
 * every domain each cycle, and the look-ups the inspector makes in them. Prints the time and the
 * bytes allocated per domain, and the heap a cycle's records keep while the cycle runs.
 *
 * <p>{@code mvn -B -q -pl pollster-compute test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.alidade.compute.libvirt.BulkStatsBench -Dexec.args="1000 2 2 2"} (domains,
 * vcpus, disks, NICs per domain).
 */
public final class BulkStatsBench {

    private BulkStatsBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int vcpus = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int disks = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int nics = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        List<QemuStats> domains = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            domains.add(QemuStats.domain(vcpus, disks, nics, i));
            domains.get(i).pointer();
        }
        int params = domains.get(0).count();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        BulkStats.Reader reader = new BulkStats.Reader();
        long sink = 0;
        long best = Long.MAX_VALUE;
        System.out.printf("%d domains of %d parameters (%d vcpus, %d disks, %d NICs)%n", n, params, vcpus, disks, nics);
        for (int round = 1; round <= 60; round++) {
            long alloc0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            List<BulkStats> cycle = new ArrayList<>(n);
            for (QemuStats q : domains) {
                BulkStats s = reader.read(q.pointer(), q.count());
                cycle.add(s);
                sink += lookups(s, vcpus, disks, nics);
            }
            long t1 = System.nanoTime();
            long alloc = threads.getCurrentThreadAllocatedBytes() - alloc0;
            best = Math.min(best, t1 - t0);
            if (round % 20 == 0) { // the best round of the twenty: the others carry GC and JIT pauses
                long kept = retained(cycle);
                System.out.printf("rounds %d-%d: best %.2f us per domain, %d bytes allocated per domain, "
                        + "%d bytes kept per domain while the cycle runs%n", round - 19, round, best / 1e3 / n, alloc / n,
                        kept / n);
                best = Long.MAX_VALUE;
            }
        }
        System.out.println("(checksum " + sink + ")");
    }

    /** What LibvirtInspector reads of one domain in a cycle. */
    private static long lookups(BulkStats s, int vcpus, int disks, int nics) {
        long x = s.number("state.state") + s.number("vcpu.current");
        for (int i = 0; i < vcpus; i++) {
            x += s.number("vcpu." + i + ".time") + s.number("vcpu." + i + ".wait");
        }
        if (s.hasGroup("balloon.")) {
            for (String f : new String[] {"current", "swap_in", "swap_out", "unused", "available", "usable", "rss"}) {
                x += s.number("balloon." + f);
            }
        }
        x += s.devices().length();
        for (int i = 0; i < disks; i++) {
            String b = s.block("vd" + (char) ('a' + i));
            for (String f : new String[] {"rd.reqs", "rd.bytes", "wr.reqs", "wr.bytes", "rd.times", "wr.times",
                    "capacity", "allocation", "physical"}) {
                x += s.number(b + "." + f);
            }
        }
        for (int i = 0; i < nics; i++) {
            String b = s.net(s.string("net." + i + ".name"));
            for (String f : new String[] {"rx.bytes", "rx.pkts", "rx.errs", "rx.drop", "tx.bytes", "tx.pkts",
                    "tx.errs", "tx.drop"}) {
                x += s.number(b + "." + f);
            }
        }
        return x;
    }

    /** Heap that {@code cycle} holds: used heap with it, less used heap without it. */
    private static long retained(List<BulkStats> cycle) {
        long with = usedAfterGc();
        cycle.clear();
        return with - usedAfterGc();
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
