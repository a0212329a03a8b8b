package org.alidade.compute.pollster;

import java.util.List;
import java.util.function.Consumer;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.compute.discovery.LocalInstancesDiscovery;
import org.alidade.compute.inspector.Inspector;

/** The compute part of a cycle for the benchmark: local_instances, then each compute pollster. */
public final class BenchmarkCycle {

    private final Inspector inspector;
    private final List<ComputePollster> pollsters;

    public BenchmarkCycle(Inspector inspector) {
        this.inspector = inspector;
        this.pollsters = ComputePollsters.pollsters(inspector, new DeltaBaseline(), new OnceLog());
    }

    /** Runs one cycle; {@code perPollster} gets each pollster's samples, as the engine batches them. */
    public void run(PollContext ctx, Consumer<List<Sample>> perPollster) throws Exception {
        List<Resource> resources = new LocalInstancesDiscovery(inspector).discover(ctx, null);
        for (ComputePollster p : pollsters) {
            List<Sample> out = new java.util.ArrayList<>();
            p.getSamples(ctx, resources, out::add);
            perPollster.accept(out);
        }
    }
}
