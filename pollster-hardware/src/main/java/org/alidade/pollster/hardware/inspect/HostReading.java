package org.alidade.pollster.hardware.inspect;

/**
 * The outcome of reading one host in one cycle: its stats, or why there are none. Cached per
 * cycle as a value (never as an exception), so that N meters cost one read even for a host
 * that is down, and a host that is down costs its time limit once.
 *
 * @param host  the host as it may appear in logs and samples (never with credentials)
 * @param stats {@code null} when the read failed
 * @param error why the read failed, {@code null} when it worked
 */
public record HostReading(String host, HostStats stats, String error) {

    public static HostReading ok(String host, HostStats stats) {
        return new HostReading(host, stats, null);
    }

    public static HostReading failed(String host, String error) {
        return new HostReading(host, null, error);
    }

    public boolean failed() {
        return stats == null;
    }
}
