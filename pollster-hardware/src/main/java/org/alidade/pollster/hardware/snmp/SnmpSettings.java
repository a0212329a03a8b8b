package org.alidade.pollster.hardware.snmp;

/**
 * How the SNMP inspector talks to agents (PID {@code org.alidade.hardware}).
 *
 * @param timeLimitMillis the most one host may cost per cycle, retries included
 * @param retries         resends of an unanswered request within that limit
 * @param concurrency     hosts read at once
 * @param community       v2c community of targets that name no credentials
 * @param usm             v3 credentials of targets that name none; when set they win over the community
 */
public record SnmpSettings(long timeLimitMillis, int retries, int concurrency, String community,
        UsmCredentials usm) {

    public SnmpSettings {
        if (timeLimitMillis < 10) {
            throw new IllegalArgumentException("timeout must be at least 0.01 s, not " + timeLimitMillis + " ms");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be 1 or more, not " + concurrency);
        }
    }

    public static SnmpSettings defaults() {
        return new SnmpSettings(3000, 1, 256, "public", null);
    }

    /** The target with the defaults applied when it names no credentials. */
    public SnmpTarget withDefaults(SnmpTarget t) {
        if (t.hasCredentials()) {
            return t;
        }
        return usm != null ? new SnmpTarget(t.host(), t.port(), null, usm)
                : new SnmpTarget(t.host(), t.port(), community, null);
    }
}
