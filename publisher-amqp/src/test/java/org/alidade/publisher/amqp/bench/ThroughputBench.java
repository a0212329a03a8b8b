package org.alidade.publisher.amqp.bench;

import org.alidade.agent.core.message.PythonJson;
import org.alidade.publisher.amqp.it.TestSamples;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.alidade.agent.core.message.MeterMessage;
import org.alidade.agent.core.message.Signer;
import org.alidade.api.Sample;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleType;
import org.alidade.publisher.amqp.AmqpSink;
import org.alidade.publisher.amqp.link.LinkSettings;
import org.alidade.publisher.amqp.link.Topology;
import org.alidade.publisher.amqp.link.TransportUrl;
import org.alidade.publisher.amqp.spool.Spool;

/**
 * Throughput benchmark (not a test): samples/s published with confirms to the local broker
 * (127.0.0.1:5672, a vhost of its own, queue capped at 10 000 messages by a policy so the broker
 * does not fill up), for batch sizes 1, 50 and 500 of compute-sized samples (~1 KB), with the
 * agent's and the broker's CPU. Run: {@code mvn -pl publisher-amqp -o test-compile exec:java@bench}
 * (optional {@code -Dbench.seconds=10}).
 */
public final class ThroughputBench {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        String vhost = "alidade-bench-" + UUID.randomUUID().toString().substring(0, 8);
        ctl("add_vhost", vhost);
        try {
            ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
            ctl("set_policy", "-p", vhost, "cap", ".*", "{\"max-length\":10000}", "--apply-to", "queues");
            long brokerPid = Long.parseLong(ctl("eval", "os:getpid().").trim().replace("\"", ""));
            List<Map<String, Object>> pool = samples(1000);
            System.out.printf("sample size: %d bytes of JSON each%n", PythonJson
                    .write(pool.get(0)).length());
            System.out.printf("%-6s %12s %12s %10s %10s%n", "batch", "samples/s", "MB/s", "agent CPU", "broker CPU");
            for (int batch : new int[] {1, 50, 500}) {
                run(vhost, brokerPid, pool, batch, Duration.ofSeconds(2), false); // warm-up
                run(vhost, brokerPid, pool, batch, Duration.ofSeconds(seconds), true);
            }
        } finally {
            ctl("delete_vhost", vhost);
        }
    }

    private static void run(String vhost, long brokerPid, List<Map<String, Object>> pool, int batchSize,
            Duration length, boolean print) throws Exception {
        LinkSettings link = new LinkSettings(TransportUrl.parse("rabbit://guest:guest@127.0.0.1:5672/" + vhost), null,
                Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(30), 256);
        // the spool in memory only, large enough that nothing is dropped; the feeder stays ahead of the broker
        try (AmqpSink sink = new AmqpSink(link, Topology.defaults(), new Spool(null, 1L << 30, 0))) {
            List<SampleBatch> batches = new ArrayList<>();
            for (int i = 0; i + batchSize <= pool.size() || batches.isEmpty(); i += batchSize) {
                batches.add(new SampleBatch("bench", "cpu", pool.subList(i % pool.size(),
                        Math.min(pool.size(), i % pool.size() + batchSize))));
            }
            long agentCpu0 = agentCpuNanos();
            long brokerCpu0 = brokerCpuNanos(brokerPid);
            long t0 = System.nanoTime();
            long end = t0 + length.toNanos();
            long samples = 0;
            int next = 0;
            long bytes = 0;
            while (System.nanoTime() < end) {
                // keep the spool fed but bounded (~64 MB of bodies)
                if (next % 64 == 0 && (Long) sink.status().get("backlog") * 1100L > (64L << 20)) {
                    Thread.sleep(1);
                    continue;
                }
                SampleBatch b = batches.get(next++ % batches.size());
                sink.publish(b);
                samples += b.size();
            }
            if (!sink.awaitDrained(120_000)) {
                throw new IllegalStateException("not drained: " + sink.status());
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long confirmed = (Long) sink.status().get("confirmed");
            if (confirmed != samples) {
                throw new IllegalStateException("confirmed " + confirmed + " of " + samples);
            }
            bytes = samples * 1100L;
            if (print) {
                System.out.printf("%-6d %12.0f %12.1f %9.0f%% %9.0f%%%n", batchSize, samples / secs, bytes / secs / 1e6,
                        100.0 * (agentCpuNanos() - agentCpu0) / 1e9 / secs,
                        100.0 * (brokerCpuNanos(brokerPid) - brokerCpu0) / 1e9 / secs);
            }
        }
    }

    public static List<Map<String, Object>> samples(int n) {
        Signer signer = new Signer("bench secret");
        List<Map<String, Object>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> meta = TestSamples.instanceMetadata(i); // the wire tests' compute-like metadata
            Sample s = Sample.builder().name("cpu").type(SampleType.CUMULATIVE).unit("ns").volume(123456789000L + i)
                    .userId(UUID.randomUUID().toString().replace("-", ""))
                    .projectId(UUID.randomUUID().toString().replace("-", "")).resourceId(meta.get("instance_id").toString())
                    .resourceMetadata(meta).source("openstack").monotonicTime(1234.5 + i).build();
            out.add(signer.sign(MeterMessage.of(s, "2026-01-02T03:04:05.678901", UUID.randomUUID().toString())));
        }
        return out;
    }

    private static long agentCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long brokerCpuNanos(long pid) throws IOException {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
        return ticks * 10_000_000L; // USER_HZ 100
    }

    private static String ctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
        return out;
    }
}
