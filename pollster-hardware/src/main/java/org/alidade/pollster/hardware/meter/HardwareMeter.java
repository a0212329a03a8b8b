package org.alidade.pollster.hardware.meter;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.alidade.api.SampleType;
import org.alidade.pollster.hardware.inspect.HostStats;

/**
 * One {@code hardware.*} meter: its name, type and unit, and how its values come out of a
 * host's {@link HostStats}. Whole-host meters give one reading; per-disk and per-interface
 * meters give one per device, each with the suffix that makes its resource id distinct.
 */
public record HardwareMeter(String name, SampleType type, String unit, Function<HostStats, List<Reading>> reader) {

    /**
     * One value of a meter.
     *
     * @param suffix   appended to the host's resource id after a dot ({@code null} for the host itself)
     * @param volume   a {@link Long} or {@link Double}; {@code null} when the host did not give it
     * @param metadata added to the host's resource metadata (device name, path, MAC, …)
     */
    public record Reading(String suffix, Object volume, Map<String, Object> metadata) {
    }

    /** The readings of this meter in {@code stats}. */
    public List<Reading> read(HostStats stats) {
        return reader.apply(stats);
    }
}
