package org.alidade.test.pollster.hot;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The meter {@code test.hot}: a gauge on the {@code test_nodes} resources (from the steady test
 * bundle) whose metadata holds a nested map and a mixed list, so that what crosses the engine,
 * the signature and the sinks is more than flat text.
 */
@Component(service = Pollster.class)
@PollsterMeter(name = "test.hot", namespace = "test")
public final class HotPollster implements Pollster {

    @Override
    public Optional<String> defaultDiscovery() {
        return Optional.of("test_nodes");
    }

    @Override
    public void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) {
        for (Resource r : resources) {
            Map<String, Object> metadata = new LinkedHashMap<>(r.metadata());
            metadata.put("labels", Map.of("tier", "hot", "zone", Map.of("name", "zone-1", "rank", 1)));
            metadata.put("tags", Arrays.asList("hot", "it's", 1, 2.5, true, null));
            out.accept(Sample.builder().name("test.hot").type(SampleType.GAUGE).unit("%").volume(99.5)
                    .resourceId(r.id()).resourceMetadata(metadata).projectId("test-project").build());
        }
    }
}
