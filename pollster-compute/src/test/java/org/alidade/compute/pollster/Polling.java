package org.alidade.compute.pollster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.compute.discovery.LocalInstancesDiscovery;
import org.alidade.compute.inspector.Inspector;
import org.alidade.compute.testing.TestCycle;

/** Runs cycles the way the engine does: local_instances, then every compute pollster on its resources. */
final class Polling {

    static final String HOST = "compute-01";

    final Inspector inspector;
    final List<ComputePollster> pollsters;

    Polling(Inspector inspector) {
        this.inspector = inspector;
        this.pollsters = ComputePollsters.pollsters(inspector, new DeltaBaseline(), new OnceLog());
    }

    /**
     * One cycle with the pollsters on {@code threads} threads at once, as the engine's pool runs
     * them: the samples of every meter.
     */
    List<Sample> parallelCycle(int threads) throws Exception {
        TestCycle ctx = new TestCycle(HOST);
        List<Resource> resources = new LocalInstancesDiscovery(inspector).discover(ctx, null);
        List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
            for (ComputePollster p : pollsters) {
                calls.add(pool.submit(() -> {
                    start.await();
                    p.getSamples(ctx, resources, samples::add);
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : calls) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return samples;
    }

    /** (meter, resource id) of each sample, sorted. */
    static Set<String> keys(List<Sample> samples) {
        return samples.stream().map(s -> s.name() + " " + s.resourceId()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** One cycle: the samples of every meter. */
    List<Sample> cycle() throws Exception {
        TestCycle ctx = new TestCycle(HOST);
        List<Resource> resources = new LocalInstancesDiscovery(inspector).discover(ctx, null);
        List<Sample> samples = new ArrayList<>();
        if (!resources.isEmpty()) {
            for (ComputePollster p : pollsters) {
                p.getSamples(ctx, resources, samples::add);
            }
        }
        return samples;
    }

    interface Cycle {
        void run() throws Exception;
    }

    /** What {@code cycle} logged (slf4j-simple, the tests' logger, writes to System.err). */
    static String logOf(Cycle cycle) throws Exception {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            cycle.run();
        } finally {
            System.setErr(err);
        }
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        err.print(text);
        return text;
    }

    /** The WARN lines of {@code log}. */
    static List<String> warnings(String log) {
        return log.lines().filter(l -> l.contains(" WARN ")).toList();
    }

    /** The meter of each WARN line of {@code log} (the text before its first colon). */
    static List<String> warnedMeters(String log) {
        return warnings(log).stream().map(l -> l.replaceFirst(".* - ([^:]+): .*", "$1")).toList();
    }
}
