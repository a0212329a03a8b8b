package org.alidade.publisher.amqp.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alidade.agent.core.message.MeterMessage;
import org.alidade.agent.core.message.Signer;
import org.alidade.api.Sample;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleType;

/**
 * Signed meter messages made by agent-core's own message builder and signer, shaped like the
 * compute pollsters' (about 1 KB each with Nova's instance metadata).
 */
public final class TestSamples {

    static final String SECRET = "amqp-it secret";
    static final Signer SIGNER = new Signer(SECRET);

    private TestSamples() {
    }

    public static Map<String, Object> instanceMetadata(int i) {
        Map<String, Object> flavor = new LinkedHashMap<>();
        flavor.put("name", "m1.small");
        flavor.put("id", "2");
        flavor.put("vcpus", 1);
        flavor.put("ram", 2048);
        flavor.put("disk", 20);
        flavor.put("ephemeral", 0);
        flavor.put("swap", 0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("display_name", "web-" + i + " café");
        m.put("name", "instance-" + String.format("%08x", i));
        m.put("instance_id", "6b1c9a3e-0f2d-4c55-9e1a-" + String.format("%012d", i));
        m.put("instance_type", "m1.small");
        m.put("host", "5f4a8c0e2b7d9a1c3e5f7b9d1a3c5e7f9b1d3f5a7c9e1b3d5f7a9c1e");
        m.put("instance_host", "compute-0" + (i % 10) + ".example.org");
        m.put("flavor", flavor);
        m.put("status", "active");
        m.put("state", "running");
        m.put("task_state", "");
        m.put("image", Map.of("id", "8e6f1f2a-7c3d-4b5e-9f0a-1b2c3d4e5f6a"));
        m.put("image_ref", "8e6f1f2a-7c3d-4b5e-9f0a-1b2c3d4e5f6a");
        m.put("image_ref_url", null);
        m.put("architecture", "x86_64");
        m.put("os_type", "linux");
        m.put("vcpus", 1);
        m.put("memory_mb", 2048);
        m.put("disk_gb", 20);
        m.put("ephemeral_gb", 0);
        m.put("root_gb", 20);
        m.put("user_metadata", Map.of("role", "frontend", "tags", "a,b"));
        m.put("cpu_number", 1);
        m.put("ratio", 0.75);
        m.put("tags", List.of("blue", "it's"));
        return m;
    }

    /** One compute-like signed message; {@code seq} makes it unique. */
    static Map<String, Object> message(String source, long seq) {
        Sample s = Sample.builder().name("cpu").type(SampleType.CUMULATIVE).unit("ns")
                .volume(seq % 2 == 0 ? (Object) (1_000_000_000L + seq) : (Object) (seq + 0.5))
                .userId("8d8b3e2f1a6c4b0e9d7f5a3c1e2b4d6f").userName(null)
                .projectId("1e2d3c4b5a6978877665544332211000").projectName(null)
                .resourceId("6b1c9a3e-0f2d-4c55-9e1a-" + String.format("%012d", seq))
                .resourceMetadata(instanceMetadata((int) seq)).source(source).monotonicTime(12345.678 + seq)
                .build();
        return SIGNER.sign(MeterMessage.of(s, "2026-01-02T03:04:05.678901", UUID.randomUUID().toString()));
    }

    static SampleBatch batch(String source, long firstSeq, int size) {
        List<Map<String, Object>> messages = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            messages.add(message(source, firstSeq + i));
        }
        return new SampleBatch(source, "cpu", messages);
    }
}
