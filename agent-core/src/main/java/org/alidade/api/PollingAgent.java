package org.alidade.api;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The running engine, read-only but for the blacklist: what it polls and how it went. The
 * shell commands, health checks and tests use it; the core registers it as a service.
 */
@ProviderType
public interface PollingAgent {

    /** The plan in force: interval (seconds) → source name → sorted pollster names. */
    SortedMap<Integer, SortedMap<String, List<String>>> plan();

    /** Every configured source, the rejected ones included, sorted by name. */
    List<SourceStatus> sources();

    /** One entry per interval of the plan, sorted by interval. */
    List<IntervalStatus> intervals();

    /** One entry per registered sink. */
    List<SinkStatus> sinks();

    /**
     * The workload partitioner's state ({@link Partitioner#status()}), or an empty map when
     * partitioning is off (this agent polls everything).
     */
    Map<String, Object> partitioning();

    /** Blacklisted resource ids: {@code "<source>/<pollster>"} → resource ids. */
    SortedMap<String, List<String>> blacklist();

    /**
     * Clears blacklist entries.
     *
     * @param source   a source name, or {@code null} for all
     * @param pollster a pollster name, or {@code null} for all
     * @return how many resources were cleared
     */
    int clearBlacklist(String source, String pollster);

    /** How many plans have been built since the engine started (a burst of changes counts once). */
    long planGeneration();

    /** A configured source: in force, or rejected with the reason. */
    record SourceStatus(String name, String origin, Integer interval, List<String> meters, List<String> resources,
            List<String> discovery, String error) {

        /** Whether this version of the source is in force (an older good version may be in force when {@code error} is set). */
        public boolean rejected() {
            return error != null;
        }
    }

    /**
     * The counters of one interval's task.
     *
     * @param lastStart      ISO-8601 UTC instant of the last cycle's start, or {@code null}
     * @param lastDurationMs the last finished cycle's wall time
     * @param cycles         finished cycles
     * @param samples        samples published (handed to the sinks) over all cycles
     * @param errors         failed pollster and discovery calls
     * @param overruns       cycles that took longer than the interval
     * @param timeouts       pollster calls abandoned at their time limit
     * @param skipped        pollster calls not started because their previous call was still running
     * @param lateSamples    samples dropped because they came after the time limit
     */
    record IntervalStatus(int interval, String lastStart, long lastDurationMs, long lastSamples, long cycles,
            long samples, long errors, long overruns, long timeouts, long skipped, long lateSamples) {
    }

    /**
     * A sink's delivery counters as seen from the engine ({@code published}: taken by the sink,
     * which may still hold them in a spool) and what the sink reports of itself.
     */
    record SinkStatus(String name, long backlog, long published, long failed, long dropped,
            Map<String, Object> details) {
    }
}
