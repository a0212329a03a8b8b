package org.alidade.agent.core.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.alidade.agent.core.message.JsonOut;
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
    private FileChannel channel;
    /** Lines not written yet: a direct buffer, which the channel writes without a copy of its own. */
    private final ByteBuffer pending = ByteBuffer.allocateDirect(64 * 1024);
    private long size;
    /** One line at a time, reused: a batch's text is never held whole. */
    private final JsonOut line = new JsonOut(4096);

    public JsonLinesFileSink(Path dir, long maxBytes, int keep) throws IOException {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.maxBytes = maxBytes;
        this.keep = Math.max(0, keep);
        Files.createDirectories(dir);
        open();
    }

    private void open() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void publish(SampleBatch batch) throws IOException {
        for (Map<String, Object> message : batch.messages()) {
            line.clear();
            PythonJson.write(line, message);
            line.append('\n');
            write(line.array(), line.length());
            size += line.length();
        }
        drain();
        if (size >= maxBytes) {
            rotate();
        }
    }

    private void write(byte[] bytes, int n) throws IOException {
        if (n > pending.remaining()) {
            drain();
        }
        if (n > pending.capacity()) {
            writeFully(ByteBuffer.wrap(bytes, 0, n));
        } else {
            pending.put(bytes, 0, n);
        }
    }

    private void drain() throws IOException {
        pending.flip();
        try {
            writeFully(pending);
        } finally {
            pending.clear(); // what failed to go fails with the batch (the sink worker logs and counts it)
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void rotate() throws IOException {
        channel.close();
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
        drain();
    }

    public synchronized void close() throws IOException {
        try {
            drain();
        } finally {
            channel.close();
        }
    }
}
