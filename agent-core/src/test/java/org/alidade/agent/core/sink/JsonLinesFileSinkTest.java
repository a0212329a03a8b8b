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

    @Test
    void writesBatchesAndLinesLargerThanItsBufferWholeAndInOrder() throws Exception {
        JsonLinesFileSink sink = new JsonLinesFileSink(dir, 1 << 30, 2);
        List<Map<String, Object>> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) { // about 300 KB: several times the sink's 64 KiB buffer
            messages.add(Map.of("n", i, "text", ("x" + i).repeat(300)));
        }
        messages.add(150, Map.of("n", -1, "text", "\u00e9".repeat(100_000))); // one line of 600 KB
        sink.publish(new SampleBatch("s", "cpu", messages));
        sink.publish(batch(1));
        sink.close();
        List<String> lines = Files.readAllLines(sink.file());
        assertEquals(302, lines.size());
        for (int i = 0; i < 301; i++) {
            Map<String, Object> m = messages.get(i);
            String text = (String) m.get("text");
            String expected = text.startsWith("\u00e9") ? "\\u00e9".repeat(100_000) : text;
            String line = lines.get(i);
            assertTrue(line.contains("\"n\": " + m.get("n")) && line.contains("\"text\": \"" + expected + "\""),
                    "line " + i + " holds message " + i);
        }
        assertEquals("{\"counter_name\": \"cpu\", \"counter_volume\": 0.1, \"n\": 1, \"user_id\": null}", lines.get(301));
    }

    @Test
    void aRotationThatFailsLosesNoLineAndIsTriedAgainAfterEachBatch() throws Exception {
        // keep = 2: a rotation first deletes samples.jsonl.2, which a non-empty folder makes impossible
        Path blocker = Files.createDirectories(dir.resolve("samples.jsonl.2"));
        Files.writeString(blocker.resolve("in-the-way"), "x");
        JsonLinesFileSink sink = new JsonLinesFileSink(dir, 200, 2);
        String log = StdErr.during(() -> {
            for (int i = 0; i < 10; i++) {
                sink.publish(batch(i)); // over 200 bytes after the third: every batch after it tries to rotate
            }
        });
        assertEquals(10, Files.readAllLines(sink.file()).size(), "every line written to samples.jsonl");
        assertEquals(1, log.lines().filter(l -> l.contains("WARN") && l.contains("cannot rotate")
                && l.contains("samples.jsonl") && l.contains("DirectoryNotEmptyException")).count(), log);

        Files.delete(blocker.resolve("in-the-way"));
        Files.delete(blocker);
        String after = StdErr.during(() -> sink.publish(batch(10)));
        sink.publish(batch(11));
        sink.close();
        assertEquals(11, Files.readAllLines(dir.resolve("samples.jsonl.1")).size(), "rotated once it could");
        assertEquals(List.of("{\"counter_name\": \"cpu\", \"counter_volume\": 0.1, \"n\": 11, \"user_id\": null}"),
                Files.readAllLines(sink.file()));
        assertTrue(after.contains("rotated again"), after);
    }
}
