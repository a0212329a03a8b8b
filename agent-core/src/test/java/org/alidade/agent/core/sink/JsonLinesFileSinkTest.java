package org.alidade.agent.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alidade.api.SampleBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileSinkTest {

    @TempDir
    Path dir;

    private static SampleBatch batch(int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counter_name", "cpu");
        m.put("counter_volume", 0.1);
        m.put("n", i);
        m.put("user_id", null);
        return new SampleBatch("s", "cpu", List.of(m));
    }

    @Test
    void writesOneJsonObjectPerLineKeepingTypesAndNulls() throws Exception {
        JsonLinesFileSink sink = new JsonLinesFileSink(dir, 1 << 20, 2);
        sink.publish(batch(1));
        sink.publish(batch(2));
        List<String> lines = Files.readAllLines(sink.file());
        assertEquals(List.of("{\"counter_name\": \"cpu\", \"counter_volume\": 0.1, \"n\": 1, \"user_id\": null}",
                "{\"counter_name\": \"cpu\", \"counter_volume\": 0.1, \"n\": 2, \"user_id\": null}"), lines);
        sink.close();
    }

    @Test
    void rotatesBySizeAndKeepsABoundedNumberOfFiles() throws Exception {
        JsonLinesFileSink sink = new JsonLinesFileSink(dir, 200, 2);
        for (int i = 0; i < 50; i++) {
            sink.publish(batch(i));
        }
        sink.close();
        assertTrue(Files.exists(dir.resolve("samples.jsonl.1")));
        assertTrue(Files.exists(dir.resolve("samples.jsonl.2")));
        assertFalse(Files.exists(dir.resolve("samples.jsonl.3")));
        String newest = Files.readString(dir.resolve("samples.jsonl"));
        assertTrue(newest.isEmpty() || newest.contains("\"n\": 49"));
    }

    @Test
    void appendsToWhatAnEarlierRunWrote() throws Exception {
        JsonLinesFileSink first = new JsonLinesFileSink(dir, 1 << 20, 2);
        first.publish(batch(1));
        first.close();
        JsonLinesFileSink second = new JsonLinesFileSink(dir, 1 << 20, 2);
        second.publish(batch(2));
        second.close();
        assertEquals(2, Files.readAllLines(dir.resolve("samples.jsonl")).size());
    }
}
