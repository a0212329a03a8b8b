package org.alidade.it.compute;

import static org.alidade.it.felix.Eventually.eventually;
import static org.alidade.it.felix.Eventually.eventuallyEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.alidade.api.PollingAgent.IntervalStatus;
import org.alidade.compute.testing.LibvirtDaemon;
import org.alidade.it.felix.RecordingSink.Received;
import org.alidade.it.felix.RunningAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The compute family in a real Felix: the compute bundle (libvirt inspector over JNA,
 * {@code local_instances}, the compute pollsters), the discovery bundle and the engine, on
 * libvirt's test driver with the repository's {@code fixtures/libvirt/node-30.xml}. One cycle of
 * a {@code meters = *} source gives, for every running Nova instance, every meter the test driver
 * can supply, with the reference's resource ids and metadata (§4.1), and nothing for shut-off or
 * non-Nova domains. The expectations are computed from the node file.
 */
class ComputeFrameworkIT {

    private static final String LIBVIRT_PID = "org.alidade.compute.libvirt";
    private static final String HOST = "compute-fwit.example";
    private static final String NOVA = "http://openstack.org/xmlns/libvirt/nova/1.1";
    private static final String TEST_DRIVER = "http://libvirt.org/schemas/domain/test/1.0";
    /** One cycle during the test: the first runs as soon as the interval enters the plan. */
    private static final int INTERVAL = 3600;

    /** The compute meters of reference §4.1 that issue 4 asks for. */
    private static final List<String> INSTANCE_METERS = List.of("cpu", "vcpus", "memory", "memory.usage",
            "memory.available", "memory.resident", "memory.swap.in", "memory.swap.out", "power.state",
            "disk.root.size", "disk.ephemeral.size");
    private static final List<String> DISK_METERS = List.of("disk.device.read.bytes", "disk.device.read.requests",
            "disk.device.write.bytes", "disk.device.write.requests", "disk.device.read.latency",
            "disk.device.write.latency", "disk.device.capacity", "disk.device.allocation", "disk.device.usage");
    private static final List<String> NIC_METERS = List.of("network.incoming.bytes", "network.incoming.packets",
            "network.incoming.packets.drop", "network.incoming.packets.error", "network.outgoing.bytes",
            "network.outgoing.packets", "network.outgoing.packets.drop", "network.outgoing.packets.error",
            "network.incoming.bytes.delta", "network.outgoing.bytes.delta");
    /**
     * What libvirt's test driver cannot supply: no balloon statistics beyond {@code actual}, no
     * {@code blockStatsFlags} latencies (checked by pollster-compute's own tests on the driver).
     */
    private static final Set<String> NOT_FROM_THE_TEST_DRIVER = Set.of("memory.usage", "memory.available",
            "memory.resident", "memory.swap.in", "memory.swap.out", "disk.device.read.latency",
            "disk.device.write.latency");

    private RunningAgent agent;
    private LibvirtDaemon daemon;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    /**
     * In-process ({@code test:///node.xml}), and over libvirt's remote protocol from a libvirtd of
     * the test's own, the way the agent on a host reaches {@code qemu:///system}.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in-process", "remote"})
    void everyRunningNovaInstanceGetsEveryMeterTheTestDriverSuppliesAndNothingElse(String driver, TestInfo test)
            throws Exception {
        requireLibvirt();
        Path node = fixture("node-30.xml");
        List<Domain> domains = Domain.read(node);
        assertEquals(30, domains.size(), "domains in " + node);
        String uri = "test://" + node.toAbsolutePath();
        if (driver.equals("remote")) {
            daemon = LibvirtDaemon.start();
            uri = daemon.uri(node);
        }

        agent = RunningAgent.with(test.getTestMethod().orElseThrow().getName() + "-" + driver)
                .configure(RunningAgent.ENGINE_PID, Map.of("host", HOST))
                .configure(LIBVIRT_PID, Map.of("uri", uri))
                .bundles("jna", "discovery", "pollster-compute")
                .start();

        List<String> meters = new ArrayList<>(INSTANCE_METERS);
        meters.addAll(DISK_METERS);
        meters.addAll(NIC_METERS);
        List<String> sortedMeters = meters.stream().sorted().toList();
        // every pollster is registered before the source comes, so that the one cycle has them all
        eventuallyEquals("the compute pollster services", sortedMeters, () -> agent.pollsterNames("compute"));
        eventually("the discoveries", agent::discoveryNames, names -> names.containsAll(List.of("local_instances",
                "local_node")));
        agent.source("compute", Map.of("name", "compute", "interval", INTERVAL, "meters", "*",
                "discovery", "local_instances"));
        eventuallyEquals("the plan", new TreeMap<>(Map.of(INTERVAL, new TreeMap<>(Map.of("compute", sortedMeters)))),
                agent::plan);
        IntervalStatus cycle = eventually("the first cycle finished", () -> agent.interval(INTERVAL).orElseThrow(),
                s -> s.cycles() == 1);
        List<Received> samples = eventually("the cycle's " + cycle.lastSamples() + " samples at the test's sink",
                () -> agent.sink().all(), all -> all.size() >= cycle.lastSamples());

        // (meter, resource id): exactly what the node file says, one sample each
        SortedMap<String, Expected> expected = expectations(domains, meters);
        Set<String> actual = samples.stream().map(r -> r.meter() + " " + r.resourceId())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected.keySet(), actual, "(meter, resource id) of the cycle");
        assertEquals(actual.size(), samples.size(), "one sample per meter and resource");
        for (Domain d : domains) {
            if (d.nova() == null || d.shutOff()) {
                assertEquals(List.of(), samples.stream().filter(r -> r.resourceId().contains(d.uuid())).toList(),
                        d.name() + (d.shutOff() ? " is shut off" : " has no Nova metadata"));
            }
        }

        for (Received r : samples) {
            Expected e = expected.get(r.meter() + " " + r.resourceId());
            String what = r.meter() + " of " + r.resourceId();
            assertEquals("compute", r.source(), "the batch names its polling source");
            assertEquals(r.meter(), r.pollster(), "the batch names its pollster");
            assertEquals("openstack", r.message().get("source"), what);
            assertEquals(e.domain().nova().userId(), r.message().get("user_id"), what);
            assertEquals(e.domain().nova().projectId(), r.message().get("project_id"), what);
            assertEquals(e.metadata(), r.metadata(), "metadata of " + what);
            assertEquals(List.copyOf(e.metadata().keySet()), List.copyOf(r.metadata().keySet()),
                    "Ceilometer's key order in the metadata of " + what);
            assertTrue(r.signature().matches("[0-9a-f]{64}"), what + " is signed: " + r.signature());
            if (e.value() != null) {
                assertEquals(e.value(), r.volume(), "volume of " + what);
            }
            assertNotNull(r.volume(), what);
        }
        for (Received r : samples) {
            if (r.meter().equals("cpu") || r.meter().startsWith("disk.device.") || r.meter().startsWith("network.")) {
                assertInstanceOf(Long.class, r.volume(), "an integer counter: " + r);
            }
        }

        IntervalStatus done = agent.interval(INTERVAL).orElseThrow();
        assertEquals(0, done.errors(), "pollster and discovery errors: " + done);
        assertEquals(samples.size(), done.samples(), "samples handed to the sinks: " + done);
        assertEquals(Map.of(), agent.agent().blacklist(), "nothing blacklisted");
        assertEquals(List.of(), agent.log().lines().filter(l -> l.contains(" ERROR ")).toList(),
                "errors in the agent's log");
    }

    // --- expectations from the node file ----------------------------------------------------

    /** One expected sample: its domain, its metadata, and its volume where the node file fixes it. */
    private record Expected(Domain domain, Map<String, Object> metadata, Object value) {
    }

    private static SortedMap<String, Expected> expectations(List<Domain> domains, List<String> meters) {
        SortedMap<String, Expected> out = new TreeMap<>();
        for (Domain d : domains) {
            if (d.nova() == null || d.shutOff()) {
                continue;
            }
            Map<String, Object> md = d.instanceMetadata();
            for (String m : meters) {
                if (NOT_FROM_THE_TEST_DRIVER.contains(m)) {
                    continue;
                }
                if (INSTANCE_METERS.contains(m)) {
                    Map<String, Object> own = m.equals("cpu") ? with(md, Map.of("cpu_number", d.vcpu())) : md;
                    out.put(m + " " + d.uuid(), new Expected(d, own, d.instanceValues().get(m)));
                } else if (DISK_METERS.contains(m)) {
                    for (String dev : d.disks()) {
                        out.put(m + " " + d.uuid() + "-" + dev, new Expected(d, with(md, Map.of("disk_name", dev)), null));
                    }
                } else {
                    for (Nic nic : d.nics()) {
                        out.put(m + " " + d.name() + "-" + d.uuid() + "-" + nic.tap(),
                                new Expected(d, nic.metadata(md), null));
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> md, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(md);
        m.putAll(extra);
        return m;
    }

    private record Nova(String displayName, String flavor, int vcpus, int ram, int disk, int ephemeral, int swap,
            String userId, String projectId, String imageId) {
    }

    private record Nic(String tap, String mac, String bridge) {

        /** Reference §4.1: the tap replaces the domain name; mac, fref, parameters, vnic_name follow. */
        Map<String, Object> metadata(Map<String, Object> instance) {
            Map<String, Object> m = new LinkedHashMap<>(instance);
            m.put("name", tap);
            m.put("mac", mac);
            m.put("fref", null);
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("interfaceid", null);
            parameters.put("bridge", bridge);
            m.put("parameters", parameters);
            m.put("vnic_name", tap);
            return m;
        }
    }

    private record Domain(String name, String uuid, int vcpu, long currentMemoryKib, String arch, String osType,
            boolean shutOff, Nova nova, List<String> disks, List<Nic> nics) {

        static List<Domain> read(Path node) throws Exception {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Element root = f.newDocumentBuilder().parse(node.toFile()).getDocumentElement();
            List<Domain> out = new ArrayList<>();
            for (Element d : children(root, "domain")) {
                Element type = first(first(d, "os"), "type");
                Element devices = first(d, "devices");
                List<String> disks = children(devices, "disk").stream()
                        .filter(disk -> first(disk, "source") != null)
                        .map(disk -> first(disk, "target").getAttribute("dev")).toList();
                List<Nic> nics = children(devices, "interface").stream()
                        .map(i -> new Nic(first(i, "target").getAttribute("dev"), first(i, "mac").getAttribute("address"),
                                first(i, "source").getAttribute("bridge"))).toList();
                NodeList runstate = d.getElementsByTagNameNS(TEST_DRIVER, "runstate");
                boolean shutOff = runstate.getLength() > 0 && runstate.item(0).getTextContent().trim().equals("5");
                out.add(new Domain(text(d, "name"), text(d, "uuid"), Integer.parseInt(text(d, "vcpu")),
                        Long.parseLong(text(d, "currentMemory")), type.getAttribute("arch"), type.getTextContent().trim(),
                        shutOff, nova(d), disks, nics));
            }
            return out;
        }

        private static Nova nova(Element domain) {
            NodeList instances = domain.getElementsByTagNameNS(NOVA, "instance");
            if (instances.getLength() == 0) {
                return null;
            }
            Element n = (Element) instances.item(0);
            Element flavor = (Element) n.getElementsByTagNameNS(NOVA, "flavor").item(0);
            Function<String, Integer> size = tag -> Integer.parseInt(
                    flavor.getElementsByTagNameNS(NOVA, tag).item(0).getTextContent().trim());
            Element user = (Element) n.getElementsByTagNameNS(NOVA, "user").item(0);
            Element project = (Element) n.getElementsByTagNameNS(NOVA, "project").item(0);
            Element root = (Element) n.getElementsByTagNameNS(NOVA, "root").item(0);
            return new Nova(n.getElementsByTagNameNS(NOVA, "name").item(0).getTextContent().trim(),
                    flavor.getAttribute("name"), size.apply("vcpus"), size.apply("memory"), size.apply("disk"),
                    size.apply("ephemeral"), size.apply("swap"), user.getAttribute("uuid"), project.getAttribute("uuid"),
                    root != null && "image".equals(root.getAttribute("type")) ? root.getAttribute("uuid") : null);
        }

        /** Reference §4.1 "Compute metadata common to all samples", libvirt_metadata, no Nova API. */
        Map<String, Object> instanceMetadata() {
            Map<String, Object> flavor = new LinkedHashMap<>();
            flavor.put("id", nova.flavor()); // no Nova API: the flavor id is its name
            flavor.put("name", nova.flavor());
            flavor.put("vcpus", nova.vcpus());
            flavor.put("ram", nova.ram());
            flavor.put("disk", nova.disk());
            flavor.put("ephemeral", nova.ephemeral());
            flavor.put("swap", nova.swap());
            Map<String, Object> md = new LinkedHashMap<>();
            md.put("display_name", nova.displayName());
            md.put("name", name);
            md.put("instance_id", uuid);
            md.put("instance_type", nova.flavor());
            md.put("host", sha224Hex(nova.projectId() + HOST));
            md.put("instance_host", HOST);
            md.put("flavor", flavor);
            md.put("status", "active");
            md.put("state", "running");
            md.put("task_state", "");
            md.put("image", nova.imageId() == null ? null : Map.of("id", nova.imageId()));
            md.put("image_ref", nova.imageId());
            md.put("image_ref_url", null);
            md.put("architecture", arch);
            md.put("os_type", osType);
            md.put("vcpus", nova.vcpus());
            md.put("memory_mb", nova.ram());
            md.put("disk_gb", nova.disk());
            md.put("ephemeral_gb", nova.ephemeral());
            md.put("root_gb", nova.disk() - nova.ephemeral());
            return md;
        }

        /** Volumes the node file fixes (the counters come from the test driver's clock). */
        Map<String, Object> instanceValues() {
            return Map.of("vcpus", vcpu, "memory", currentMemoryKib / 1024.0, "power.state", 1,
                    "disk.root.size", nova.disk() - nova.ephemeral(), "disk.ephemeral.size", nova.ephemeral());
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element first(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static String text(Element parent, String name) {
        return first(parent, name).getTextContent().trim();
    }

    /** Nova's hostId. */
    private static String sha224Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-224").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the framework ----------------------------------------------------------------------

    /** A node file of the repository's fixtures (system property set by the pom). */
    private static Path fixture(String name) {
        String dir = System.getProperty("alidade.it.fixtures.libvirt");
        if (dir == null) {
            fail("system property alidade.it.fixtures.libvirt is not set: run these tests with Maven");
        }
        Path p = Path.of(dir, name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            fail("libvirt node file " + p + " is missing (the repository's fixtures/libvirt)");
        }
        return p;
    }

    /** The compute bundle loads libvirt's client library through JNA: say how to get it when it is missing. */
    private static void requireLibvirt() {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")) {
            if (Files.exists(Path.of(dir, "libvirt.so.0"))) {
                return;
            }
        }
        fail("libvirt's client library (libvirt.so.0) is not installed: the compute framework test needs libvirt's "
                + "test driver. Install the Debian package libvirt0 (scripts/prereqs.d/pollster-compute.sh).");
    }
}
