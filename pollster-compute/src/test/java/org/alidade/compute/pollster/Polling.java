package org.alidade.compute.pollster;

import java.util.ArrayList;
import java.util.List;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.compute.discovery.LocalInstancesDiscovery;
import org.alidade.compute.inspector.Inspector;
import org.alidade.compute.testing.TestCycle;

/** Runs cycles the way the engine does: local_instances, then every compute pollster on its resources. */
final class Polling {

    static final String HOST = "compute-01";

    final Inspector inspector;
    final List<ComputePollster> pollsters;

    Polling(Inspector inspector) {
        this.inspector = inspector;
        this.pollsters = ComputePollsters.pollsters(inspector, new DeltaBaseline(), new OnceLog());
    }

    /** One cycle: the samples of every meter. */
    List<Sample> cycle() throws Exception {
        TestCycle ctx = new TestCycle(HOST);
        List<Resource> resources = new LocalInstancesDiscovery(inspector).discover(ctx, null);
        List<Sample> samples = new ArrayList<>();
        if (!resources.isEmpty()) {
            for (ComputePollster p : pollsters) {
                p.getSamples(ctx, resources, samples::add);
            }
        }
        return samples;
    }
}
