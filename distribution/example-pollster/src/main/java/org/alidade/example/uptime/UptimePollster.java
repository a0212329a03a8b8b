package org.alidade.example.uptime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code example.uptime}: seconds since this host booted, read from {@code /proc/uptime}, for the
 * resource the {@code local_node} discovery returns (this host). The smallest useful pollster:
 * a DS component with {@link PollsterMeter}, a default discovery, one sample per resource.
 */
@Component
@PollsterMeter(name = "example.uptime", namespace = "example")
public final class UptimePollster implements Pollster {

    private static final Path UPTIME = Path.of("/proc/uptime");

    @Override
    public Optional<String> defaultDiscovery() {
        return Optional.of("local_node");
    }

    @Override
    public void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) throws IOException {
        // "12345.67 23456.78": uptime and idle time, seconds
        double uptime = Double.parseDouble(Files.readString(UPTIME).trim().split("\\s+")[0]);
        for (Resource r : resources) {
            out.accept(Sample.builder().name("example.uptime").type(SampleType.GAUGE).unit("s").volume(uptime)
                    .resourceId(r.id()).resourceMetadata(Map.of("host", context.host())).build());
        }
    }
}
