package org.alidade.compute.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.alidade.api.Resource;
import org.alidade.compute.cycle.Inspection;
import org.alidade.compute.discovery.LocalInstancesDiscovery;
import org.alidade.compute.inspector.InspectorException;
import org.alidade.compute.inspector.Snapshot;
import org.alidade.compute.testing.Nodes;
import org.alidade.compute.testing.TestCycle;
import org.junit.jupiter.api.Test;

/** URIs that cannot be opened, malformed domains, domains that vanish: logged, and the cycle goes on. */
class BadInputTest {

    @Test
    void aUriThatCannotBeOpenedGivesNoInstancesAndOneAttemptPerCycle() {
        try (LibvirtInspector inspector = TestInspectors.readOnly("test:///no/such/node.xml")) {
            TestCycle cycle = new TestCycle("h");
            assertEquals(List.of(), new LocalInstancesDiscovery(inspector).discover(cycle, null));
            int loads = cycle.loads.get();
            for (int meter = 0; meter < 3; meter++) {
                InspectorException e = assertThrows(InspectorException.class,
                        () -> Inspection.of(cycle, inspector).snapshot());
                assertTrue(e.getMessage().startsWith("cannot open libvirt connection test:///no/such/node.xml"),
                        e.getMessage());
            }
            assertEquals(loads, cycle.loads.get(), "the failure is cached for the cycle: one attempt, not one per meter");
        }
    }

    @Test
    void aNodeThatIsNotXmlGivesNoInstances() throws Exception {
        Path node = Nodes.write("broken-node.xml", "<node><domain type='test'><name>x</name>");
        try (LibvirtInspector inspector = TestInspectors.readOnly(Nodes.uri(node))) {
            assertEquals(List.of(), new LocalInstancesDiscovery(inspector).discover(new TestCycle("h"), null));
        }
    }

    @Test
    void domainsWithMalformedNovaMetadataAreSkippedAndTheOthersPolled() throws Exception {
        String xml = Files.readString(Nodes.FIXTURES.resolve("node-3.xml"))
                // instance 0: flavor without its name attribute (Ceilometer's discovery crashes on it)
                .replaceFirst("<nova:flavor name=\"m1.tiny\">", "<nova:flavor>")
                // instance 1: vcpus not a number
                .replaceFirst("<nova:vcpus>2</nova:vcpus>", "<nova:vcpus>two</nova:vcpus>");
        Path node = Nodes.write("malformed-node.xml", xml);
        try (LibvirtInspector inspector = TestInspectors.readOnly(Nodes.uri(node))) {
            List<Resource> found = new LocalInstancesDiscovery(inspector).discover(new TestCycle("h"), null);
            assertEquals(List.of("00000000-0000-4000-8000-000000000002"), found.stream().map(Resource::id).toList());
        }
    }

    @Test
    void aDomainRemovedBetweenDiscoveryAndPollingIsSkipped() throws Exception {
        try (LibvirtInspector inspector = TestInspectors.readWrite(Nodes.fixture("node-3.xml"))) {
            TestCycle cycle = new TestCycle("h");
            List<Resource> found = new LocalInstancesDiscovery(inspector).discover(cycle, null);
            assertEquals(3, found.size());
            String gone = "00000000-0000-4000-8000-000000000001";
            org.libvirt.Domain d = TestInspectors.binding(inspector).domainLookupByUUIDString(gone);
            d.destroy();
            d.undefine();
            Snapshot s = Inspection.of(cycle, inspector).snapshot();
            Snapshot.DomainState state = s.domains().get(gone);
            assertThrows(org.alidade.compute.inspector.InstanceGoneException.class,
                    () -> inspector.inspectInstance(s, state.description()));
            assertThrows(org.alidade.compute.inspector.InstanceGoneException.class,
                    () -> inspector.inspectDisks(s, state.description()));
            String kept = "00000000-0000-4000-8000-000000000002";
            assertTrue(inspector.inspectInstance(s, s.domains().get(kept).description()).cpuTime() > 0);
            // the next cycle no longer lists it
            Set<String> next = new LocalInstancesDiscovery(inspector).discover(new TestCycle("h"), null).stream()
                    .map(Resource::id).collect(Collectors.toSet());
            assertFalse(next.contains(gone));
            assertEquals(2, next.size());
        }
    }

    @Test
    void aRestartedDomainIsDescribedAgainWithItsNewDevices() throws Exception {
        try (LibvirtInspector inspector = TestInspectors.readWrite(Nodes.fixture("node-3.xml"))) {
            String uuid = "00000000-0000-4000-8000-000000000000";
            Snapshot before = inspector.snapshot();
            assertEquals(1, before.domains().get(uuid).description().disks().size());
            org.libvirt.Connect c = TestInspectors.binding(inspector);
            org.libvirt.Domain d = c.domainLookupByUUIDString(uuid);
            String xml = d.getXMLDesc(0).replace("</devices>", "<disk type='file' device='disk'>"
                    + "<source file='/var/lib/nova/instances/" + uuid + "/disk.eph0'/><target dev='vdb' bus='virtio'/>"
                    + "</disk></devices>");
            c.domainDefineXML(xml);
            d.destroy();
            d.create();
            assertEquals(List.of("vda", "vdb"), inspector.snapshot().domains().get(uuid).description().disks()
                    .stream().map(x -> x.device()).toList());
        }
    }
}
