package org.alidade.agent.core.sink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.alidade.agent.core.message.PythonJson;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleSink;

/**
 * Writes every signed meter message as one JSON line to {@code <dir>/samples.jsonl}, so the
 * agent is useful without a broker. The JSON is what Ceilometer's own Python would write
 * ({@link PythonJson}), so every line verifies with upstream's {@code verify_signature}. Rotates by size: {@code samples.jsonl.1} is the newest
 * rotated file, and at most {@code keep} rotated files are kept. Each batch is flushed.
 */
public final class JsonLinesFileSink implements SampleSink {

    public static final String FILE_NAME = "samples.jsonl";

    private final Path dir;
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream writer;
    private long size;
    /** One line at a time, reused: a batch's text is never held whole. */
    private final StringBuilder line = new StringBuilder(4096);
    /** The line's bytes, reused (no string and byte array made per line). */
    private byte[] bytes = new byte[4096];

    public JsonLinesFileSink(Path dir, long maxBytes, int keep) throws IOException {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.maxBytes = maxBytes;
        this.keep = Math.max(0, keep);
        Files.createDirectories(dir);
        open();
    }

    private void open() throws IOException {
        writer = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), 64 * 1024);
        size = Files.size(file);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void publish(SampleBatch batch) throws IOException {
        for (Map<String, Object> message : batch.messages()) {
            line.setLength(0);
            PythonJson.write(line, message);
            line.append('\n');
            int n = line.length();
            if (n > bytes.length) {
                bytes = new byte[Math.max(n, 2 * bytes.length)];
            }
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) line.charAt(i); // ASCII: PythonJson escapes everything else
            }
            writer.write(bytes, 0, n);
            size += n;
        }
        writer.flush();
        if (size >= maxBytes) {
            rotate();
        }
    }

    private void rotate() throws IOException {
        writer.close();
        if (keep == 0) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(dir.resolve(FILE_NAME + "." + keep));
            for (int i = keep - 1; i >= 1; i--) {
                Path from = dir.resolve(FILE_NAME + "." + i);
                if (Files.exists(from)) {
                    Files.move(from, dir.resolve(FILE_NAME + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, dir.resolve(FILE_NAME + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    @Override
    public synchronized void flush() throws IOException {
        writer.flush();
    }

    public synchronized void close() throws IOException {
        writer.close();
    }
}
