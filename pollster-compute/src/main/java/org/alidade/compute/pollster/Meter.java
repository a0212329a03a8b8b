package org.alidade.compute.pollster;

import java.util.function.Function;
import org.alidade.api.SampleType;
import org.alidade.compute.inspector.DiskStats;
import org.alidade.compute.inspector.InspectorException;
import org.alidade.compute.inspector.InstanceStats;
import org.alidade.compute.inspector.NicStats;
import org.alidade.compute.inspector.NovaInstance;

/**
 * One compute meter: name, type, unit and where its value comes from. A value of {@code null}
 * means the hypervisor does not supply it for that instance (the sample is skipped).
 */
sealed interface Meter {

    String name();

    SampleType type();

    String unit();

    /** A meter of the instance, from its {@link InstanceStats}. */
    record OfInstance(String name, SampleType type, String unit, Function<InstanceStats, Object> value)
            implements Meter {
    }

    /** A meter of the instance from its Nova flavor alone (no hypervisor call). */
    record OfFlavor(String name, SampleType type, String unit, Function<NovaInstance, Object> value)
            implements Meter {
    }

    /**
     * A meter of each disk: resource {@code <uuid>-<dev>}. {@code failure}: the failed call that a
     * {@code null} value comes from, if it comes from one.
     */
    record OfDisk(String name, SampleType type, String unit, Function<DiskStats, Object> value,
            Function<DiskStats.Failures, InspectorException> failure) implements Meter {
    }

    /** A meter of each network interface: resource {@code fref} or {@code <domain>-<uuid>-<tap>}. */
    record OfNic(String name, SampleType type, String unit, Function<NicStats, Long> value, boolean delta)
            implements Meter {
    }
}
