package org.alidade.agent.core.polling;

/**
 * What one cycle of one interval did.
 *
 * @param calls    pollster calls started
 * @param samples  samples handed to the sinks
 * @param errors   pollster and discovery calls that failed (discoveries that timed out included)
 * @param timeouts pollster calls abandoned at their time limit
 * @param skipped  pollster calls not started because their previous call still ran
 */
public record CycleReport(int interval, int calls, long samples, int errors, int timeouts, int skipped) {

    /** Whether anything went wrong. */
    public boolean clean() {
        return errors == 0 && timeouts == 0 && skipped == 0;
    }
}
