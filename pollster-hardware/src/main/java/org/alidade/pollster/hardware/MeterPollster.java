package org.alidade.pollster.hardware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.alidade.api.PollContext;
import org.alidade.api.Pollster;
import org.alidade.api.PollsterPermanentException;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.pollster.hardware.inspect.HostReading;
import org.alidade.pollster.hardware.meter.HardwareMeter;

/**
 * The pollster of one {@code hardware.*} meter. It starts the reads of all its resources at once
 * (through the cycle's cache, so the other meters share them), then turns each host's reading
 * into samples. A host that could not be read gives no samples (its inspector has said why);
 * a resource that no inspector can ever read is blacklisted.
 */
final class MeterPollster implements Pollster {

    static final String SOURCE = "hardware";
    static final String DEFAULT_DISCOVERY = "local_node";

    private final HardwareMeter meter;
    private final HostReaders readers;

    MeterPollster(HardwareMeter meter, HostReaders readers) {
        this.meter = meter;
        this.readers = readers;
    }

    @Override
    public Optional<String> defaultDiscovery() {
        return Optional.of(DEFAULT_DISCOVERY);
    }

    @Override
    public void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) throws Exception {
        List<HostReaders.Host> hosts = new ArrayList<>(resources.size());
        List<Resource> never = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (Resource r : resources) {
            HostReaders.Host h = readers.resolve(context, r);
            hosts.add(h);
            if (h.error() != null) {
                never.add(r);
                why.add(h.error());
            }
        }
        for (HostReaders.Host h : hosts) {
            if (h.reading() == null) {
                continue;
            }
            HostReading reading;
            try {
                reading = h.reading().get();
            } catch (ExecutionException e) {
                continue; // cannot happen: reads complete with a value; the inspector logged it anyway
            }
            if (reading.failed()) {
                continue;
            }
            for (HardwareMeter.Reading value : meter.read(reading.stats())) {
                if (value.volume() == null) {
                    continue;
                }
                Map<String, Object> md = new LinkedHashMap<>(h.metadata());
                md.putAll(value.metadata());
                out.accept(Sample.builder().name(meter.name()).type(meter.type()).unit(meter.unit())
                        .volume(value.volume())
                        .resourceId(value.suffix() == null ? h.resourceId() : h.resourceId() + "." + value.suffix())
                        .resourceMetadata(md).source(SOURCE).build());
            }
        }
        if (!never.isEmpty()) {
            throw new PollsterPermanentException(never, String.join("; ", why));
        }
    }

    @Override
    public String toString() {
        return meter.name();
    }
}
