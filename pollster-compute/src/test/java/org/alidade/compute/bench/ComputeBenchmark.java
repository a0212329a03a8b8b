package org.alidade.compute.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alidade.agent.core.polling.SigningMessageFactory;
import org.alidade.agent.core.sink.JsonLinesFileSink;
import org.alidade.api.Sample;
import org.alidade.api.SampleBatch;
import org.alidade.compute.libvirt.LibvirtInspector;
import org.alidade.compute.libvirt.TestInspectors;
import org.alidade.compute.pollster.BenchmarkCycle;
import org.alidade.compute.testing.TestCycle;

/**
 * The compute benchmark (not a test; run by {@code scripts/bench-compute.sh}): full compute cycles
 * on a test-driver node — local_instances, every compute pollster, signing (agent-core's
 * {@link SigningMessageFactory}), batches of 50 to agent-core's JSON-lines file sink — and per
 * cycle the wall time, process CPU time, samples, CPU per sample and libvirt calls; at the end
 * the process's peak RSS.
 *
 * <p>usage: {@code ComputeBenchmark NODE_XML CYCLES OUT_DIR}
 */
public final class ComputeBenchmark {

    private ComputeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path node = Path.of(args[0]).toAbsolutePath();
        int cycles = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        SigningMessageFactory signing = new SigningMessageFactory(config());
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        JsonLinesFileSink sink = new JsonLinesFileSink(out, 1L << 30, 1);
        try (LibvirtInspector inspector = TestInspectors.readOnly("test://" + node)) {
            BenchmarkCycle cycle = new BenchmarkCycle(inspector);
            List<long[]> steady = new ArrayList<>();
            for (int c = 0; c < cycles; c++) {
                long calls0 = inspector.hypervisorCalls();
                long cpu0 = os.getProcessCpuTime();
                long[] us0 = userSystemTicks();
                long t0 = System.nanoTime();
                long[] samples = {0};
                String timestamp = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).toString();
                cycle.run(new TestCycle("bench-host"), list -> {
                    List<Map<String, Object>> batch = new ArrayList<>(50);
                    for (Sample s : list) {
                        batch.add(signing.signedMessage(s, timestamp));
                        if (batch.size() == 50) {
                            publish(sink, batch);
                            batch = new ArrayList<>(50);
                        }
                    }
                    if (!batch.isEmpty()) {
                        publish(sink, batch);
                    }
                    samples[0] += list.size();
                });
                sink.flush();
                long wall = System.nanoTime() - t0;
                long cpu = os.getProcessCpuTime() - cpu0;
                long calls = inspector.hypervisorCalls() - calls0;
                long[] us1 = userSystemTicks();
                System.out.printf("cycle %d%s: wall %.3f s, cpu %.3f s (user %.2f, system %.2f), samples %d, cpu/sample %.2f us, libvirt calls %d%n",
                        c + 1, c == 0 ? " (first: reads every domain XML)" : "", wall / 1e9, cpu / 1e9,
                        (us1[0] - us0[0]) / 100.0, (us1[1] - us0[1]) / 100.0, samples[0],
                        samples[0] == 0 ? 0.0 : cpu / 1e3 / samples[0], calls);
                if (c > 0) {
                    steady.add(new long[] {wall, cpu, samples[0], calls});
                }
            }
            if (!steady.isEmpty()) {
                double wall = steady.stream().mapToLong(x -> x[0]).average().orElse(0) / 1e9;
                double cpu = steady.stream().mapToLong(x -> x[1]).average().orElse(0) / 1e9;
                double samples = steady.stream().mapToLong(x -> x[2]).average().orElse(0);
                double calls = steady.stream().mapToLong(x -> x[3]).average().orElse(0);
                System.out.printf("RESULT node=%s steady cycles=%d wall=%.3fs cpu=%.3fs samples=%.0f "
                        + "cpu/sample=%.2fus libvirt-calls/cycle=%.0f peak-rss=%s%n", node.getFileName(), steady.size(),
                        wall, cpu, samples, cpu * 1e6 / samples, calls, peakRss());
            }
        } finally {
            sink.close();
        }
    }

    private static void publish(JsonLinesFileSink sink, List<Map<String, Object>> batch) {
        try {
            sink.publish(new SampleBatch("bench", "compute", batch));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** utime and stime of this process in clock ticks (1/100 s), from /proc/self/stat. */
    private static long[] userSystemTicks() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    private static String peakRss() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format("%.1fMiB", kib / 1024.0);
            }
        }
        return "?";
    }

    /** The publisher configuration with its defaults and a secret. */
    private static SigningMessageFactory.Config config() {
        return (SigningMessageFactory.Config) Proxy.newProxyInstance(ComputeBenchmark.class.getClassLoader(),
                new Class<?>[] {SigningMessageFactory.Config.class}, (proxy, method, a) -> {
                    if (method.getName().equals("telemetry__secret")) {
                        return "bench secret";
                    }
                    if (method.getName().equals("annotationType")) {
                        return SigningMessageFactory.Config.class;
                    }
                    return method.getDefaultValue();
                });
    }
}
