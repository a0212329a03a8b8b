package org.alidade.pollster.hardware;

import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.alidade.api.Resource;
import org.alidade.pollster.hardware.inspect.HostLog;
import org.alidade.pollster.hardware.local.LocalInspector;
import org.alidade.pollster.hardware.meter.HardwareMeter;
import org.alidade.pollster.hardware.meter.HardwareMeters;
import org.alidade.pollster.hardware.snmp.SnmpInspector;
import org.alidade.pollster.hardware.snmp.SnmpSettings;
import org.alidade.pollster.hardware.snmp.Snmpd;

/**
 * Benchmark, not a test: one cycle of all 31 hardware meters against K SNMP targets (K = 1, 50,
 * 200), 5 % of them unreachable (loopback ports nobody listens on), the rest ports of one real
 * snmpd. Pollsters run 4 at a time, as the engine's default {@code threads}. Prints wall time,
 * this JVM's CPU time, samples and SNMP requests per K. Run:
 * <pre>
 * mvn -B -o -q -pl pollster-hardware test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.alidade.pollster.hardware.HardwareBenchmark [-Dexec.args="1 50 200"]
 * </pre>
 */
public final class HardwareBenchmark {

    public static void main(String[] args) throws Exception {
        int[] ks = args.length == 0 ? new int[] {1, 50, 200} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int max = java.util.Arrays.stream(ks).max().orElse(1);
        SnmpSettings settings = new SnmpSettings(3000, Integer.getInteger("bench.retries", 1), Integer.getInteger("bench.concurrency", 256), Snmpd.COMMUNITY, null);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // snmpd reads one agentaddress line of limited length: 40 ports per daemon
        List<Snmpd> daemons = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int left = max; left > 0; left -= 40) {
                Snmpd d = Snmpd.start(Math.min(40, left));
                daemons.add(d);
                ports.addAll(d.ports());
            }
            System.out.printf("time limit %.1f s, %d retry, concurrency %d; %d snmpd on %d loopback ports%n",
                    settings.timeLimitMillis() / 1000.0, settings.retries(), settings.concurrency(), daemons.size(),
                    ports.size());
            System.out.println("K     unreachable  wall_ms  cpu_ms  samples  requests  target_ms");
            for (int k : ks) {
                HostLog log = new HostLog();
                try (SnmpInspector snmp = new SnmpInspector(settings, log)) {
                    HostReaders readers = new HostReaders(new LocalInspector(), snmp, log);
                    List<Resource> resources = new ArrayList<>();
                    int down = k * Integer.getInteger("bench.unreachablePercent", 5) / 100;
                    for (int i = 0; i < k - down; i++) {
                        resources.add(Resource.of("snmp://127.0.0.1:" + ports.get(i)));
                    }
                    for (int i = 0; i < down; i++) {
                        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                            resources.add(Resource.of("snmp://127.0.0.1:" + s.getLocalPort()));
                        }
                    }
                    TestContext cycle = new TestContext("bench-host");
                    AtomicLong samples = new AtomicLong();
                    ExecutorService pool = Executors.newFixedThreadPool(4);
                    long cpu0 = os.getProcessCpuTime();
                    long req0 = snmp.requestsSent();
                    long t0 = System.nanoTime();
                    AtomicLong lastOk = new AtomicLong();
                    AtomicLong lastFailed = new AtomicLong();
                    AtomicLong failed = new AtomicLong();
                    for (Resource r : resources) {
                        readers.resolve(cycle, r).reading().thenAccept(h -> {
                            long ms = (System.nanoTime() - t0) / 1_000_000;
                            (h.failed() ? lastFailed : lastOk).accumulateAndGet(ms, Math::max);
                            if (h.failed()) {
                                failed.incrementAndGet();
                            }
                        });
                    }
                    List<Future<?>> calls = new ArrayList<>();
                    for (HardwareMeter m : HardwareMeters.all()) {
                        MeterPollster p = new MeterPollster(m, readers);
                        calls.add(pool.submit(() -> {
                            p.getSamples(cycle, resources, s -> samples.incrementAndGet());
                            return null;
                        }));
                    }
                    for (Future<?> f : calls) {
                        f.get();
                    }
                    long wall = (System.nanoTime() - t0) / 1_000_000;
                    long cpu = (os.getProcessCpuTime() - cpu0) / 1_000_000;
                    pool.shutdown();
                    System.out.printf("      (reads: last answered host at %d ms, %d failed, last failure at %d ms)%n",
                            lastOk.get(), failed.get(), lastFailed.get());
                    System.out.printf("%-5d %-12d %-8d %-7d %-8d %-9d %s%n", k, down, wall, cpu, samples.get(),
                            snmp.requestsSent() - req0, "<= " + (settings.timeLimitMillis() + 1000)
                                    + (wall <= settings.timeLimitMillis() + 1000 ? " ok" : " MISSED"));
                }
            }
        } finally {
            daemons.forEach(Snmpd::close);
        }
    }
}
