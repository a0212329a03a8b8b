package org.alidade.agent.core.polling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.alidade.api.Sample;
import org.alidade.api.SampleBatch;

/**
 * What a pollster hands its samples to during one call: stamps, signs and batches them
 * (reference §1.8 step 6: batches of {@code batchSize}, or one by one when 0; a batch never
 * mixes calls). Unlike upstream, a call that fails or is abandoned still publishes the samples
 * it produced; samples that come after abandonment are dropped and counted.
 */
final class BatchingEmitter implements Consumer<Sample> {

    private final String source;
    private final String pollster;
    private final String timestamp;
    private final int batchSize;
    private final MessageFactory messages;
    private final Consumer<SampleBatch> out;
    private final AtomicLong lateCounter;
    private List<Map<String, Object>> batch;
    private long emitted;
    private boolean closed;

    BatchingEmitter(String source, String pollster, String timestamp, int batchSize, MessageFactory messages,
            Consumer<SampleBatch> out, AtomicLong lateCounter) {
        this.source = source;
        this.pollster = pollster;
        this.timestamp = timestamp;
        this.batchSize = batchSize;
        this.messages = messages;
        this.out = out;
        this.lateCounter = lateCounter;
        this.batch = newBatch();
    }

    private List<Map<String, Object>> newBatch() {
        return new ArrayList<>(Math.max(1, Math.min(batchSize, 1000)));
    }

    @Override
    public synchronized void accept(Sample sample) {
        if (closed) {
            lateCounter.incrementAndGet();
            return;
        }
        if (sample == null) {
            throw new IllegalArgumentException("pollster " + pollster + " emitted a null sample");
        }
        batch.add(messages.signedMessage(sample, timestamp));
        emitted++;
        if (batch.size() >= Math.max(1, batchSize)) {
            flush();
        }
    }

    /** Publishes what is held and refuses anything later. Idempotent. */
    synchronized void close() {
        if (!closed) {
            flush();
            closed = true;
        }
    }

    synchronized long emitted() {
        return emitted;
    }

    private void flush() {
        if (!batch.isEmpty()) {
            out.accept(new SampleBatch(source, pollster, batch));
            batch = newBatch();
        }
    }
}
