package org.alidade.test.pollster.steady;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.alidade.api.PollContext;
import org.alidade.api.Pollster;
import org.alidade.api.PollsterMeter;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.api.SampleType;
import org.osgi.service.component.annotations.Component;

/**
 * The meter {@code test.steady}: a gauge in {@code unit} whose integer volume never changes, the
 * resource's {@code index} (1 for {@code node-1}; 0 for a resource without one).
 */
@Component(service = Pollster.class)
@PollsterMeter(name = "test.steady", namespace = "test")
public final class SteadyPollster implements Pollster {

    @Override
    public Optional<String> defaultDiscovery() {
        return Optional.of(TestNodesDiscovery.NAME);
    }

    @Override
    public void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) {
        for (Resource r : resources) {
            Object index = r.metadata().get("index");
            out.accept(Sample.builder().name("test.steady").type(SampleType.GAUGE).unit("unit")
                    .volume(index instanceof Integer i ? i : 0).resourceId(r.id()).resourceMetadata(r.metadata())
                    .userId("test-user").projectId("test-project").build());
        }
    }
}
