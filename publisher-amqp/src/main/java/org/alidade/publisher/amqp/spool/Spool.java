package org.alidade.publisher.amqp.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded, ordered store of notifications not yet confirmed by the broker. New entries are
 * kept in memory; when the bodies in memory pass {@code memoryBytes}, the oldest are written to
 * the spool folder (one file each, {@code <seq>.msg}) and only a small stub stays in memory. When
 * memory and disk together pass {@code memoryBytes + diskBytes}, the oldest entries are dropped,
 * counted and logged: new samples matter more than old ones, and polling never waits.
 *
 * <p>Entries leave in order ({@link #take}); the publisher gives back what the broker did not
 * confirm ({@link #requeue}), which goes back to the front in its original order, and reports what
 * it did confirm ({@link #confirmed}), whose file is deleted then. On {@link #close} everything
 * still held in memory is written to the folder, and a new spool on the same folder picks it up,
 * so a restart resends what was not confirmed. A body is written to a temporary file and renamed,
 * so a crash leaves no half entry; it is not synced (a power cut may lose the last ones).
 *
 * <p>Thread-safe: the sink's thread adds, the publisher's thread takes and requeues, the broker
 * connection's thread confirms.
 */
public final class Spool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final String SUFFIX = ".msg";
    private static final String MAGIC = "alidade-amqp-spool 1";

    private final Path dir;
    private final long memoryBytes;
    private final long diskBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private long nextSeq;
    private long bytesInMemory;
    private long bytesOnDisk;
    private long samplesQueued;
    private long samplesOnDisk;
    private long droppedSamples;
    private long droppedEntries;
    private long lastDropLog;
    private boolean diskBroken;
    private boolean closed;

    /**
     * @param dir         the spool folder, created if missing; {@code null} for memory only
     * @param memoryBytes bodies held in memory before the oldest go to disk
     * @param diskBytes   bodies held on disk before the oldest are dropped
     */
    public Spool(Path dir, long memoryBytes, long diskBytes) throws IOException {
        this.dir = dir;
        this.memoryBytes = Math.max(0, memoryBytes);
        this.diskBytes = dir == null ? 0 : Math.max(0, diskBytes);
        if (dir != null) {
            Files.createDirectories(dir);
            load();
        }
    }

    private void load() throws IOException {
        List<Entry> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(f); // a write cut short by a crash: never renamed, never counted
                    continue;
                }
                if (!name.endsWith(SUFFIX)) {
                    continue;
                }
                try {
                    found.add(readStub(f, Long.parseLong(name.substring(0, name.length() - SUFFIX.length()))));
                } catch (IOException | RuntimeException e) {
                    LOG.error("AMQP spool: ignoring unreadable file {}: {}", f, e.toString());
                }
            }
        }
        found.sort((a, b) -> Long.compare(a.seq, b.seq));
        for (Entry e : found) {
            queue.addLast(e);
            bytesOnDisk += e.size;
            samplesOnDisk += e.samples;
            samplesQueued += e.samples;
            nextSeq = e.seq + 1;
        }
        if (!found.isEmpty()) {
            LOG.info("AMQP spool: {} notifications ({} samples) left by the last run in {}, to be sent first",
                    found.size(), samplesOnDisk, dir);
        }
    }

    private static Entry readStub(Path f, long seq) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            String[] header = readLine(in).split(" ");
            if (header.length != 4 || !(header[0] + " " + header[1]).equals(MAGIC)) {
                throw new IOException("not a spool file");
            }
            int samples = Integer.parseInt(header[2]);
            long size = Files.size(f) - (MAGIC.length() + header[2].length() + header[3].length() + 3);
            return new Entry(seq, header[3], samples, null, (int) size, true);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c; (c = in.read()) != '\n';) {
            if (c < 0 || s.length() > 1024) {
                throw new IOException("no header");
            }
            s.append((char) c);
        }
        return s.toString();
    }

    /**
     * Adds the notifications of one batch (one per topic) at the end; never blocks on the broker.
     * Drops the oldest entries when the spool is full.
     */
    public void add(List<String> routingKeys, int samples, List<byte[]> bodies) {
        lock.lock();
        try {
            for (int i = 0; i < bodies.size(); i++) {
                byte[] body = bodies.get(i);
                Entry e = new Entry(nextSeq++, routingKeys.get(i), samples, body, body.length, false);
                queue.addLast(e);
                bytesInMemory += e.size;
                samplesQueued += samples;
                if (closed) {
                    spill(e); // after close nothing is sent from memory any more: keep it for the next run
                }
            }
            enforceBounds();
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void enforceBounds() {
        if (bytesInMemory > memoryBytes && dir != null && !diskBroken) {
            for (Iterator<Entry> it = queue.iterator(); it.hasNext() && bytesInMemory > memoryBytes;) {
                Entry e = it.next();
                if (!e.onDisk && !spill(e)) {
                    break;
                }
            }
        }
        while (bytesInMemory + bytesOnDisk > memoryBytes + (diskBroken ? 0 : diskBytes) && queue.size() > 1) {
            drop(queue.pollFirst());
        }
    }

    /** Writes an entry's body to the folder and lets go of it in memory; false when the disk fails. */
    private boolean spill(Entry e) {
        if (dir == null || e.onDisk) {
            return e.onDisk;
        }
        Path tmp = dir.resolve(e.seq + ".tmp");
        try {
            byte[] header = (MAGIC + " " + e.samples + " " + e.routingKey + "\n").getBytes(StandardCharsets.US_ASCII);
            try (var out = Files.newOutputStream(tmp)) {
                out.write(header);
                out.write(e.body);
            }
            Files.move(tmp, file(e), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            if (!diskBroken) {
                LOG.error("AMQP spool: cannot write to {} ({}): spooling in memory only, {} bytes at most",
                        dir, ex.toString(), memoryBytes);
            }
            diskBroken = true;
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do
            }
            return false;
        }
        diskBroken = false;
        e.onDisk = true;
        e.body = null;
        bytesInMemory -= e.size;
        bytesOnDisk += e.size;
        samplesOnDisk += e.samples;
        return true;
    }

    private Path file(Entry e) {
        return dir.resolve(String.format("%019d%s", e.seq, SUFFIX));
    }

    private void drop(Entry e) {
        forget(e);
        droppedSamples += e.samples;
        droppedEntries++;
        long now = System.nanoTime();
        if (droppedEntries == 1 || now - lastDropLog > TimeUnit.SECONDS.toNanos(10)) {
            lastDropLog = now;
            LOG.error("AMQP spool is full ({} MiB in memory + {} MiB on disk): dropped the oldest notification "
                    + "({} samples for {}); {} samples dropped so far", memoryBytes >> 20, diskBytes >> 20,
                    e.samples, e.routingKey, droppedSamples);
        }
    }

    /** Removes an entry that left the queue for good: its file and its share of the counters. */
    private void forget(Entry e) {
        samplesQueued -= e.samples;
        if (e.onDisk) {
            bytesOnDisk -= e.size;
            samplesOnDisk -= e.samples;
            try {
                Files.deleteIfExists(file(e));
            } catch (IOException ex) {
                LOG.warn("AMQP spool: cannot delete {}: {}", file(e), ex.toString());
            }
        } else {
            bytesInMemory -= e.size;
        }
    }

    /**
     * Takes up to {@code max} entries from the front, waiting up to {@code waitMillis} for one.
     * Each returned entry has its body; they stay counted in the backlog until confirmed or
     * requeued.
     */
    public List<Entry> take(int max, long waitMillis) throws InterruptedException {
        List<Entry> out = new ArrayList<>(Math.min(max, 64));
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (queue.isEmpty() && nanos > 0) {
                nanos = added.awaitNanos(nanos);
            }
            while (out.size() < max && !queue.isEmpty()) {
                Entry e = queue.peekFirst();
                if (e.body == null && !read(e)) {
                    queue.pollFirst();
                    forget(e);
                    continue;
                }
                queue.pollFirst();
                e.sends++;
                out.add(e);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private boolean read(Entry e) {
        try {
            byte[] all = Files.readAllBytes(file(e));
            int nl = 0;
            while (all[nl] != '\n') {
                nl++;
            }
            byte[] body = new byte[all.length - nl - 1];
            System.arraycopy(all, nl + 1, body, 0, body.length);
            e.body = body;
            return true;
        } catch (NoSuchFileException gone) {
            LOG.error("AMQP spool: {} vanished: its {} samples are lost", file(e), e.samples);
        } catch (IOException | RuntimeException ex) {
            LOG.error("AMQP spool: cannot read {} ({}): its {} samples are lost", file(e), ex.toString(), e.samples);
        }
        droppedSamples += e.samples;
        droppedEntries++;
        return false;
    }

    /** The broker confirmed these: they leave the spool for good. */
    public void confirmed(List<Entry> entries) {
        lock.lock();
        try {
            for (Entry e : entries) {
                forget(e);
                if (e.onDisk) {
                    e.body = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Puts entries taken but not confirmed back at the front, in their original order. */
    public void requeue(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Long.compare(b.seq, a.seq));
        lock.lock();
        try {
            for (Entry e : sorted) {
                if (e.onDisk) {
                    e.body = null; // read again when taken: memory holds only stubs of disk entries
                }
                queue.addFirst(e);
            }
            if (closed) {
                sorted.forEach(this::spill);
            }
            enforceBounds();
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Samples not yet confirmed: queued and taken (in flight). */
    public long backlogSamples() {
        lock.lock();
        try {
            return samplesQueued;
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        lock.lock();
        try {
            return new Stats(queue.size(), samplesQueued, samplesOnDisk, bytesInMemory, bytesOnDisk, droppedSamples,
                    droppedEntries);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counters of the spool.
     *
     * @param queued         notifications waiting (not in flight)
     * @param backlogSamples samples not yet confirmed, in flight included
     * @param samplesOnDisk  of those, samples whose notification is in the folder
     */
    public record Stats(int queued, long backlogSamples, long samplesOnDisk, long bytesInMemory, long bytesOnDisk,
            long droppedSamples, long droppedNotifications) {
    }

    /**
     * Writes everything still in memory to the folder (entries in flight must be requeued
     * first), so that the next spool on this folder sends it; later adds go straight to disk.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            int spilled = 0;
            for (Entry e : queue) {
                if (!e.onDisk && spill(e)) {
                    spilled++;
                }
            }
            long lost = 0;
            for (Entry e : queue) {
                lost += e.onDisk ? 0 : e.samples;
            }
            if (lost > 0) {
                LOG.error("AMQP spool: {} samples could not be written to {} and are lost with this run", lost, dir);
            } else if (!queue.isEmpty()) {
                LOG.info("AMQP spool: {} notifications ({} samples) kept in {} for the next run ({} written now)",
                        queue.size(), samplesQueued, dir, spilled);
            }
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
