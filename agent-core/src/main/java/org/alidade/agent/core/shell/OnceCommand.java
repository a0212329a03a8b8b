package org.alidade.agent.core.shell;

import org.alidade.agent.core.config.Masking;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.alidade.agent.core.polling.CycleReport;
import org.alidade.agent.core.polling.EngineComponent;
import org.alidade.api.PollingAgent.SourceStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The agent's one-shot mode ({@code bin/alidade --once}), as a {@link Callable} service the
 * launcher finds by the property {@code alidade.command=once} (only {@code java.*} types cross
 * the framework boundary). Waits until configuration and bundles have settled, reports rejected
 * sources, polls every source once, waits for the sinks, prints a summary and returns the exit
 * code: 0 all good, 1 a poll failed or nothing was polled, 2 configuration errors.
 */
@Component(service = Callable.class, property = "alidade.command=once")
public final class OnceCommand implements Callable<Integer> {

    /** Quiet time that counts as "configuration and bundles have settled". */
    private static final long QUIET_MILLIS = 1_500;
    private static final long SETTLE_LIMIT_MILLIS = 60_000;

    private final EngineComponent agent;
    private final PrintStream out;

    @Activate
    public OnceCommand(@Reference EngineComponent agent) {
        this(agent, System.out);
    }

    OnceCommand(EngineComponent agent, PrintStream out) {
        this.agent = agent;
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_LIMIT_MILLIS);
        while (!agent.engine().settled(QUIET_MILLIS) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        int rc = 0;
        for (SourceStatus s : agent.sources()) {
            if (s.error() != null) {
                out.println("configuration error: " + Masking.mask(s.error()));
                rc = 2;
            }
        }
        EngineComponent.OnceResult result = agent.pollAllAndPublish(30_000);
        List<CycleReport> reports = result.reports();
        long samples = 0;
        for (CycleReport r : reports) {
            samples += r.samples();
            out.printf("interval %ds: %d pollster calls, %d samples, %d errors, %d timed out%n", r.interval(),
                    r.calls(), r.samples(), r.errors(), r.timeouts());
            if (!r.clean() && rc == 0) {
                rc = 1;
            }
        }
        if (reports.isEmpty()) {
            out.println("nothing to poll: no source selects a registered pollster (see alidade:plan)");
            rc = rc == 0 ? 1 : rc;
        }
        if (!result.drained()) {
            out.println("the sinks did not take every sample within 30 s (see alidade:status)");
            rc = rc == 0 ? 1 : rc;
        }
        out.printf("alidade --once: %d samples published, exit %d%n", samples, rc);
        out.flush();
        return rc;
    }
}
