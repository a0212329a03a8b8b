package org.alidade.agent.core.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.alidade.agent.core.message.JsonOut;
import org.alidade.agent.core.message.PythonJson;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every signed meter message as one JSON line to {@code <dir>/samples.jsonl}, so the
 * agent is useful without a broker. The JSON is what Ceilometer's own Python would write
 * ({@link PythonJson}), so every line verifies with upstream's {@code verify_signature}. Rotates by size: {@code samples.jsonl.1} is the newest
 * rotated file, and at most {@code keep} rotated files are kept. Each batch is flushed.
 *
 * <p>A rotation that fails (a rotated file that cannot be deleted or moved, a file moved away by
 * someone else meanwhile) never fails a batch, which is written by then: the sink logs it once,
 * writes on to {@code samples.jsonl} and tries again after the next batch.
 */
public final class JsonLinesFileSink implements SampleSink {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFileSink.class);

    public static final String FILE_NAME = "samples.jsonl";

    private final Path dir;
    private final Path file;
    private final long maxBytes;
    private final int keep;
    /** Null after a rotation until the next batch opens the file again. */
    private FileChannel channel;
    /** Whether the last rotation failed (logged once until one succeeds). */
    private boolean rotationFailing;
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
        if (channel == null) {
            open(); // fails the batch before a line of it is written
        }
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

    /** Rotates {@code samples.jsonl}; the next batch opens it anew. Never fails the batch just written. */
    private void rotate() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("file sink: closing {} failed: {}", file, e.toString());
        }
        channel = null;
        try {
            if (keep == 0) {
                Files.deleteIfExists(file);
            } else {
                Files.deleteIfExists(dir.resolve(FILE_NAME + "." + keep));
                for (int i = keep - 1; i >= 0; i--) {
                    moveIfExists(i == 0 ? file : dir.resolve(FILE_NAME + "." + i), dir.resolve(FILE_NAME + "." + (i + 1)));
                }
            }
            if (rotationFailing) {
                rotationFailing = false;
                LOG.info("file sink: {} rotated again", file);
            }
        } catch (IOException e) {
            if (!rotationFailing) {
                rotationFailing = true;
                LOG.warn("file sink: cannot rotate {} ({}): writing on to it, and trying again after each batch",
                        file, e.toString());
            }
        }
    }

    /** A file moved or deleted by someone else meanwhile is not an error: there is nothing to keep. */
    private static void moveIfExists(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException gone) {
            // nothing there
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (channel != null) {
            drain();
        }
    }

    public synchronized void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            drain();
        } finally {
            channel.close();
            channel = null;
        }
    }
}
