package org.alidade.test.pollster.steady;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.alidade.api.PollContext;
import org.alidade.api.Pollster;
import org.alidade.api.PollsterMeter;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.api.SampleType;
import org.osgi.service.component.annotations.Component;

/**
 * The meter {@code test.counter}: a cumulative double in {@code s} that grows by 0.5 each time a
 * resource is polled (0.5, 1.0, 1.5, … per resource, exact in binary so its text is unambiguous).
 */
@Component(service = Pollster.class)
@PollsterMeter(name = "test.counter", namespace = "test")
public final class CounterPollster implements Pollster {

    private final Map<String, Double> totals = new ConcurrentHashMap<>();

    @Override
    public Optional<String> defaultDiscovery() {
        return Optional.of(TestNodesDiscovery.NAME);
    }

    @Override
    public void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) {
        for (Resource r : resources) {
            double total = totals.merge(r.id(), 0.5, Double::sum);
            out.accept(Sample.builder().name("test.counter").type(SampleType.CUMULATIVE).unit("s").volume(total)
                    .resourceId(r.id()).resourceMetadata(r.metadata()).userId("test-user")
                    .projectId("test-project").build());
        }
    }
}
