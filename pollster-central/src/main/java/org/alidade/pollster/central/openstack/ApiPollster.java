package org.alidade.pollster.central.openstack;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.alidade.api.PollContext;
import org.alidade.api.Pollster;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.api.SampleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pollster that turns each resource of a {@link ListDiscovery} (an OpenStack API entry) into one
 * gauge sample, as the spec of its meter says.
 */
public final class ApiPollster implements Pollster {

    private static final Logger LOG = LoggerFactory.getLogger(ApiPollster.class);

    /**
     * One meter.
     *
     * @param volume   the volume of an entry; {@link #SKIP} drops the entry
     * @param project  the project id of an entry
     * @param user     the user id of an entry
     * @param metadata the resource metadata of an entry
     */
    public record Spec(String name, String unit, String discovery, Function<Map<String, Object>, Object> volume,
            Function<Map<String, Object>, Object> project, Function<Map<String, Object>, Object> user,
            Function<Map<String, Object>, Map<String, Object>> metadata) {
    }

    /** Volume marker: no sample for this entry. */
    public static final Object SKIP = new Object();

    private final Spec spec;

    public ApiPollster(Spec spec) {
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public Optional<String> defaultDiscovery() {
        return Optional.of(spec.discovery());
    }

    @Override
    public void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) {
        for (Resource r : resources) {
            Map<String, Object> entry = r.metadata();
            Object volume = spec.volume().apply(entry);
            if (volume == SKIP) {
                LOG.warn("{}: unknown status '{}' of {}, no sample (as Ceilometer)", spec.name(), entry.get("status"),
                        r.id());
                continue;
            }
            out.accept(Sample.builder().name(spec.name()).type(SampleType.GAUGE).unit(spec.unit()).volume(volume)
                    .projectId(Values.string(spec.project().apply(entry)))
                    .userId(Values.string(spec.user().apply(entry))).resourceId(r.id())
                    .resourceMetadata(spec.metadata().apply(entry)).build());
        }
    }
}
