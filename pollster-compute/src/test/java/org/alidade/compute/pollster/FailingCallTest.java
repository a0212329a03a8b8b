package org.alidade.compute.pollster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.alidade.compute.inspector.DiskStats;
import org.alidade.compute.inspector.DomainDescription;
import org.alidade.compute.inspector.Inspector;
import org.alidade.compute.inspector.InspectorException;
import org.alidade.compute.inspector.InstanceStats;
import org.alidade.compute.inspector.NicStats;
import org.alidade.compute.inspector.Snapshot;
import org.alidade.compute.libvirt.LibvirtInspector;
import org.alidade.compute.libvirt.TestInspectors;
import org.alidade.compute.testing.Nodes;
import org.junit.jupiter.api.Test;

/**
 * A libvirt call that fails for every instance (node-30.xml, the disks' call made to fail): the
 * other meters keep every sample, and the log says it in one line a meter, once, not one line
 * per instance and cycle.
 */
class FailingCallTest {

    /** The real inspector, except that reading any instance's disks fails as libvirt can fail. */
    private record DisksFail(LibvirtInspector real) implements Inspector {
        @Override
        public Snapshot snapshot() throws InspectorException {
            return real.snapshot();
        }

        @Override
        public InstanceStats inspectInstance(Snapshot snapshot, DomainDescription domain) throws InspectorException {
            return real.inspectInstance(snapshot, domain);
        }

        @Override
        public List<DiskStats> inspectDisks(Snapshot snapshot, DomainDescription domain) throws InspectorException {
            throw new InspectorException("virDomainBlockStats(" + domain.uuid() + ", vda): internal error: "
                    + "unexpected reply (libvirt error 1)");
        }

        @Override
        public List<NicStats> inspectVnics(Snapshot snapshot, DomainDescription domain) throws InspectorException {
            return real.inspectVnics(snapshot, domain);
        }

        @Override
        public long hypervisorCalls() {
            return real.hypervisorCalls();
        }
    }

    @Test
    void theOtherMetersKeepTheirSamplesAndEachFailingMeterSaysItOnceInOneLine() throws Exception {
        try (LibvirtInspector real = TestInspectors.readOnly(Nodes.fixture("node-30.xml"))) {
            Polling polling = new Polling(new DisksFail(real));
            Set<String> expected = ComputePollstersTest.expectedSamples().stream()
                    .filter(k -> !k.startsWith("disk.device.")).collect(Collectors.toCollection(TreeSet::new));
            Set<String> diskMeters = Meters.ALL.stream().map(Meter::name).filter(n -> n.startsWith("disk.device."))
                    .collect(Collectors.toCollection(TreeSet::new));

            String first = Polling.logOf(() -> assertEquals(expected, Polling.keys(polling.cycle())));
            List<String> warned = Polling.warnings(first);
            assertEquals(diskMeters, new TreeSet<>(Polling.warnedMeters(first)), "one warning per disk meter:\n" + first);
            assertEquals(diskMeters.size(), warned.size(), "one warning per disk meter:\n" + first);
            for (String line : warned) {
                assertTrue(line.matches(".*: " + ComputePollstersTest.noDataForEveryRunningInstance() + ", the first "
                        + "(\\S+): virDomainBlockStats\\(\\1, vda\\): internal error: unexpected reply .*"), line);
            }

            String second = Polling.logOf(() -> assertEquals(expected, Polling.keys(polling.cycle())));
            assertEquals(List.of(), Polling.warnings(second),
                    "the same failures in the next cycle");
        }
    }
}
