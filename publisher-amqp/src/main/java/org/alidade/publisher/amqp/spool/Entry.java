package org.alidade.publisher.amqp.spool;

/**
 * One notification waiting for its confirm: its place in the spool's order, the routing key
 * it goes to, how many samples it carries and its body, held in memory or in a file of the
 * spool folder (then {@code body} is read back when the entry is taken).
 */
public final class Entry {

    final long seq;
    final String routingKey;
    final int samples;
    final int size;
    /** {@code null} while the body is only on disk. */
    byte[] body;
    /** Whether a file of the spool folder holds this entry. */
    boolean onDisk;
    /** Times this entry was handed to the broker before (a resend may duplicate it). */
    int sends;

    Entry(long seq, String routingKey, int samples, byte[] body, int size, boolean onDisk) {
        this.seq = seq;
        this.routingKey = routingKey;
        this.samples = samples;
        this.body = body;
        this.size = size;
        this.onDisk = onDisk;
    }

    public long seq() {
        return seq;
    }

    public String routingKey() {
        return routingKey;
    }

    public int samples() {
        return samples;
    }

    /** The body; set on every entry {@link Spool#take} returns. */
    public byte[] body() {
        return body;
    }

    /** Whether this entry was sent before (its confirm was lost with a connection or a nack). */
    public boolean resend() {
        return sends > 1;
    }
}
