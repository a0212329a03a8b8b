package org.alidade.agent.core.polling;

import java.util.Set;

/**
 * The engine's own configuration (PID {@code org.alidade.polling}), validated.
 *
 * @param namespaces        pollster namespaces to run; empty = all
 * @param batchSize         samples per batch; 0 = one by one
 * @param timeoutMillis     time limit of one pollster or discovery call
 * @param threads           pollster and discovery calls running at once
 * @param host              the agent's host name
 * @param replanDelayMillis quiet time after a change before re-planning (bursts give one plan)
 */
public record EngineSettings(Set<String> namespaces, int batchSize, long timeoutMillis, int threads, String host,
        long replanDelayMillis) {

    public EngineSettings {
        namespaces = Set.copyOf(namespaces);
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch_size must be 0 (one by one) or more, not " + batchSize);
        }
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("pollster_timeout must be > 0, not " + timeoutMillis + " ms");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, not " + threads);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
    }

    /** Upstream's defaults where it has them (batch 50, all namespaces). */
    public static EngineSettings defaults(String host) {
        return new EngineSettings(Set.of(), 50, 60_000, 4, host, 200);
    }
}
