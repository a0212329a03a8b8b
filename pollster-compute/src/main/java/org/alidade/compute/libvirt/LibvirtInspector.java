package org.alidade.compute.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.alidade.compute.inspector.DiskStats;
import org.alidade.compute.inspector.DomainDescription;
import org.alidade.compute.inspector.Inspector;
import org.alidade.compute.inspector.InspectorException;
import org.alidade.compute.inspector.InstanceGoneException;
import org.alidade.compute.inspector.InstanceStats;
import org.alidade.compute.inspector.NicStats;
import org.alidade.compute.inspector.PowerState;
import org.alidade.compute.inspector.Snapshot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Inspector} over libvirt (PID {@value #PID}).
 *
 * <p>A snapshot is one {@code virConnectGetAllDomainStats} call for every domain, with the no-wait
 * flag so that a domain stuck in a job cannot stall the host. Each domain's XML is read and parsed
 * when the domain is first seen and again only when its id (a restart) or its device list in the
 * bulk statistics (a hot-plug) changes. The {@code inspect*} methods take what the bulk statistics
 * hold and call libvirt per domain only for the rest (the test driver's bulk statistics hold only
 * the state; qemu's hold everything). A call the driver does not support is not made again on
 * that connection, and said once in the log.
 */
@Component(service = Inspector.class, configurationPid = LibvirtInspector.PID)
@Designate(ocd = LibvirtInspector.Config.class)
public final class LibvirtInspector implements Inspector, AutoCloseable {

    public static final String PID = "org.alidade.compute.libvirt";

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtInspector.class);

    private static final int GROUPS = LibvirtNative.STATS_STATE | LibvirtNative.STATS_CPU_TOTAL
            | LibvirtNative.STATS_BALLOON | LibvirtNative.STATS_VCPU | LibvirtNative.STATS_INTERFACE
            | LibvirtNative.STATS_BLOCK;
    private static final int SCRATCH_BYTES = 4096;
    /**
     * How many typed parameters {@code virDomainBlockStatsFlags} may fill: libvirt's remote protocol
     * (every {@code qemu:///system} connection goes through it to the daemon) refuses more than
     * {@code REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX} (16) with "nparams too large", and no driver
     * has more block statistics than that.
     */
    static final int BLOCK_PARAMS_MAX = 16;
    private static final ThreadLocal<Memory> SCRATCH = ThreadLocal.withInitial(() -> new Memory(SCRATCH_BYTES));

    @ObjectClassDefinition(name = "Alidade libvirt inspector", description = "How the compute agent reads this hypervisor.")
    public @interface Config {
        @AttributeDefinition(required = false, description = "libvirt connection URI, opened read-only "
                + "(qemu:///system; test:///ABSOLUTE/PATH/node.xml for libvirt's test driver).")
        String uri() default "qemu:///system";

        @AttributeDefinition(required = false, description = "How instances are discovered: libvirt_metadata "
                + "(Nova's metadata in the domain XML) is the only method of this agent.")
        String instance__discovery__method() default "libvirt_metadata";
    }

    /** One domain as the inspector keeps it between snapshots. */
    private record Cached(DomainHandle handle, int id, String devices, DomainDescription description) {
    }

    /** What a snapshot carries for the {@code inspect*} calls. */
    record Entry(DomainHandle handle, BulkStats stats) { // package-private for tests
    }

    private final String uri;
    private final ConnectionKeeper keeper;
    private final AtomicLong calls = new AtomicLong();
    private final Object cacheLock = new Object();
    private final Map<String, Cached> cache = new HashMap<>();
    private final Set<String> unsupported = ConcurrentHashMap.newKeySet();
    private final BulkStats.Reader statsReader = new BulkStats.Reader();
    private final int blockParamsMax;
    private long cacheGeneration = -1;
    private long callsAtLastSnapshot;
    private int statsFlags = LibvirtNative.STATS_NOWAIT;

    @Activate
    public LibvirtInspector(Config config) {
        this(config.uri().trim(), true, ReconnectPolicy.DEFAULT);
        if (!"libvirt_metadata".equals(config.instance__discovery__method().trim())) {
            LOG.error("{}: instance_discovery_method '{}' is not supported (only libvirt_metadata, which is used)",
                    PID, config.instance__discovery__method());
        }
    }

    /** {@code readOnly} false only for tests that change the test driver's domains on this connection. */
    LibvirtInspector(String uri, boolean readOnly, ReconnectPolicy policy) {
        this(uri, readOnly, policy, BLOCK_PARAMS_MAX);
    }

    /**
     * {@code blockParamsMax}: what {@code virDomainBlockStatsFlags} is asked for; only tests ask for
     * more than {@link #BLOCK_PARAMS_MAX}, to have a libvirtd refuse one per-disk call.
     */
    LibvirtInspector(String uri, boolean readOnly, ReconnectPolicy policy, int blockParamsMax) {
        this.uri = uri;
        this.blockParamsMax = blockParamsMax;
        this.keeper = new ConnectionKeeper(uri, u -> Connection.open(u, readOnly), policy, d -> Thread.sleep(d.toMillis()));
    }

    @Deactivate
    @Override
    public void close() {
        synchronized (cacheLock) {
            cache.values().forEach(c -> c.handle().release());
            cache.clear();
        }
        keeper.close();
    }

    /** The connection (for tests that change the test driver's domains). */
    Connection connection() throws InspectorException {
        return (Connection) keeper.connection();
    }

    @Override
    public long hypervisorCalls() {
        return calls.get();
    }

    // --- snapshot -----------------------------------------------------------------------------

    @Override
    public Snapshot snapshot() throws InspectorException {
        return keeper.<Connection, Snapshot>call(this::snapshot);
    }

    private Snapshot snapshot(Connection c) throws InspectorException {
        synchronized (cacheLock) {
            long generation = keeper.generation();
            if (generation != cacheGeneration) {
                // a new connection: the domain pointers of the old one are worthless
                cache.values().forEach(x -> x.handle().release());
                cache.clear();
                unsupported.clear();
                cacheGeneration = generation;
            }
            PointerByReference ref = new PointerByReference();
            int n = bulk(c, ref);
            Pointer records = ref.getValue();
            Map<String, Snapshot.DomainState> domains = new LinkedHashMap<>();
            Map<String, Entry> entries = new HashMap<>();
            double now = System.nanoTime() / 1e9;
            try {
                byte[] uuid = new byte[16];
                Map<String, Cached> seen = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    Pointer rec = records.getPointer((long) i * Native.POINTER_SIZE);
                    Pointer dom = rec.getPointer(0);
                    BulkStats stats = statsReader.read(rec.getPointer(Native.POINTER_SIZE), rec.getInt(2L * Native.POINTER_SIZE));
                    if (LibvirtNative.virDomainGetUUID(dom, uuid) < 0) {
                        LibvirtError.last();
                        continue;
                    }
                    String id = uuidText(uuid);
                    Cached cached = describe(id, dom, LibvirtNative.virDomainGetID(dom), stats.devices(), generation);
                    if (cached == null) {
                        continue;
                    }
                    // the handle's string, the description's where they agree: one string per domain
                    // across cycles (the pollsters' look-ups by resource id compare by identity first)
                    String key = cached.handle().uuid();
                    seen.put(key, cached);
                    if (cached.description() != null) {
                        Long state = stats.number("state.state");
                        domains.put(key, new Snapshot.DomainState(cached.description(),
                                PowerState.of(state == null ? 0 : state.intValue())));
                        entries.put(key, new Entry(cached.handle(), stats));
                    }
                }
                for (Map.Entry<String, Cached> old : cache.entrySet()) {
                    if (seen.get(old.getKey()) != old.getValue()) {
                        old.getValue().handle().release();
                    }
                }
                cache.clear();
                cache.putAll(seen);
            } finally {
                if (records != null) {
                    LibvirtNative.virDomainStatsRecordListFree(records);
                }
            }
            if (LOG.isDebugEnabled()) {
                long total = calls.get();
                LOG.debug("snapshot of {}: {} domains, {} instances; {} libvirt calls since the previous snapshot",
                        uri, n, domains.size(), total - callsAtLastSnapshot);
                callsAtLastSnapshot = total;
            }
            return new Snapshot(domains, now, entries);
        }
    }

    private int bulk(Connection c, PointerByReference ref) throws InspectorException {
        calls.incrementAndGet();
        int n = LibvirtNative.virConnectGetAllDomainStats(c.pointer(), GROUPS, ref, statsFlags);
        if (n < 0) {
            LibvirtError err = LibvirtError.last();
            if (statsFlags != 0 && err.code() == 8 /* VIR_ERR_INVALID_ARG: a libvirt older than 4.5 */) {
                LOG.warn("libvirt at {} does not know the no-wait flag of virConnectGetAllDomainStats ({}): "
                        + "polling without it; a domain stuck in a job may delay the cycle", uri, err.message());
                statsFlags = 0;
                return bulk(c, ref);
            }
            throw err.toException("virConnectGetAllDomainStats");
        }
        return n;
    }

    /** The cached entry, re-read when new or changed; {@code null} when the domain went away meanwhile. */
    private Cached describe(String uuid, Pointer dom, int id, String devices, long generation)
            throws InspectorException {
        Cached cached = cache.get(uuid);
        if (cached != null && cached.id() == id && cached.devices().equals(devices)) {
            return cached;
        }
        calls.incrementAndGet();
        Pointer xml = LibvirtNative.virDomainGetXMLDesc(dom, 0);
        if (xml == null) {
            LibvirtError err = LibvirtError.last();
            if (err.domainGone()) {
                return null;
            }
            throw err.toException("virDomainGetXMLDesc(" + uuid + ")");
        }
        String text;
        try {
            text = xml.getString(0, "UTF-8");
        } finally {
            Native.free(Pointer.nativeValue(xml));
        }
        DomainDescription description = null;
        try {
            DomainXml.Parsed parsed = DomainXml.parse(text);
            description = parsed.description();
            if (parsed.novaProblem() != null) {
                LOG.info("domain {} ({}): {}: not a Nova instance, not polled", description.name(), uuid,
                        parsed.novaProblem());
            } else if (cached != null) {
                LOG.info("domain {} ({}) changed (restart or hot-plug): description read again", description.name(), uuid);
            }
        } catch (DomainXml.MalformedDomainException e) {
            LOG.warn("domain {}: {}: skipped until its definition changes", uuid, e.getMessage());
        }
        String key = description != null && description.uuid().equals(uuid) ? description.uuid() : uuid;
        return new Cached(new DomainHandle(key, dom, generation), id, devices, description);
    }

    private static String uuidText(byte[] b) {
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                sb.append('-');
            }
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }

    private static Entry entry(Snapshot snapshot, DomainDescription domain) throws InstanceGoneException {
        Object e = snapshot.data() instanceof Map<?, ?> m ? m.get(domain.uuid()) : null;
        if (!(e instanceof Entry entry)) {
            throw new InstanceGoneException("domain " + domain.uuid() + " is not in this snapshot");
        }
        return entry;
    }

    // --- per-domain statistics ----------------------------------------------------------------

    @Override
    public InstanceStats inspectInstance(Snapshot snapshot, DomainDescription domain) throws InspectorException {
        Entry e = entry(snapshot, domain);
        BulkStats s = e.stats();
        Long state = s.number("state.state");
        Long cpu = cpuTime(s);
        Long vcpus = s.number("vcpu.current");
        long[] info = null;
        if (cpu == null || vcpus == null) {
            info = info(e);
            cpu = cpu != null ? cpu : Long.valueOf(info[4]);
            vcpus = vcpus != null ? vcpus : Long.valueOf(info[3]);
        }
        Map<Integer, Long> mem = new HashMap<>();
        if (s.hasGroup("balloon.")) {
            put(mem, LibvirtNative.MEM_ACTUAL_BALLOON, s.number("balloon.current"));
            put(mem, LibvirtNative.MEM_SWAP_IN, s.number("balloon.swap_in"));
            put(mem, LibvirtNative.MEM_SWAP_OUT, s.number("balloon.swap_out"));
            put(mem, LibvirtNative.MEM_UNUSED, s.number("balloon.unused"));
            put(mem, LibvirtNative.MEM_AVAILABLE, s.number("balloon.available"));
            put(mem, LibvirtNative.MEM_USABLE, s.number("balloon.usable"));
            put(mem, LibvirtNative.MEM_RSS, s.number("balloon.rss"));
        } else {
            mem = memoryStats(e);
        }
        if (!mem.containsKey(LibvirtNative.MEM_ACTUAL_BALLOON)) {
            // virDomainGetInfo's current memory is the balloon's size too
            info = info != null ? info : info(e);
            mem.put(LibvirtNative.MEM_ACTUAL_BALLOON, info[2]);
        }
        Long available = mem.get(LibvirtNative.MEM_AVAILABLE);
        Long usable = mem.get(LibvirtNative.MEM_USABLE);
        Long unused = mem.get(LibvirtNative.MEM_UNUSED);
        Double usage = available == null ? null
                : usable != null ? mib(available - usable) : unused != null ? mib(available - unused) : null;
        Long swapIn = mem.get(LibvirtNative.MEM_SWAP_IN);
        Long swapOut = mem.get(LibvirtNative.MEM_SWAP_OUT);
        boolean swap = swapIn != null && swapOut != null;
        return new InstanceStats(PowerState.of(state == null ? 0 : state.intValue()), cpu,
                vcpus == null ? null : vcpus.intValue(), usage, mib(mem.get(LibvirtNative.MEM_RSS)),
                swap ? mib(swapIn) : null, swap ? mib(swapOut) : null, mib(mem.get(LibvirtNative.MEM_ACTUAL_BALLOON)),
                mib(available));
    }

    /** Ceilometer's cpu: Σ vcpu.i.time + vcpu.i.wait over [0, vcpu.maximum), else cpu.time. */
    static Long cpuTime(BulkStats s) {
        Long max = s.number("vcpu.maximum");
        if (max != null && max > 0) {
            long sum = 0;
            boolean complete = true;
            for (int i = 0; i < max && complete; i++) {
                Long time = s.number("vcpu." + i + ".time");
                Long wait = s.number("vcpu." + i + ".wait");
                complete = time != null && wait != null;
                sum += complete ? time + wait : 0;
            }
            if (complete) {
                return sum;
            }
        }
        return s.number("cpu.time");
    }

    private static void put(Map<Integer, Long> m, int tag, Long v) {
        if (v != null) {
            m.put(tag, v);
        }
    }

    private static Double mib(Long kib) {
        return kib == null ? null : kib / 1024.0;
    }

    /** virDomainGetInfo as {state, maxMem, memory, nrVirtCpu, cpuTime}. */
    private long[] info(Entry e) throws InspectorException {
        return e.handle().use(dom -> {
            Memory m = SCRATCH.get();
            calls.incrementAndGet();
            if (LibvirtNative.virDomainGetInfo(dom, m) < 0) {
                throw LibvirtError.last().toException("virDomainGetInfo(" + e.handle().uuid() + ")");
            }
            return new long[] {m.getByte(0) & 0xff, m.getLong(8), m.getLong(16), m.getShort(24) & 0xffff, m.getLong(32)};
        });
    }

    private Map<Integer, Long> memoryStats(Entry e) throws InspectorException {
        if (unsupported.contains("virDomainMemoryStats")) {
            return new HashMap<>();
        }
        return e.handle().use(dom -> {
            Memory m = SCRATCH.get();
            calls.incrementAndGet();
            int n = LibvirtNative.virDomainMemoryStats(dom, m, LibvirtNative.MEM_NR, 0);
            Map<Integer, Long> stats = new HashMap<>();
            if (n < 0) {
                LibvirtError err = LibvirtError.last();
                if (!unsupportedCall(err, "virDomainMemoryStats", "memory.usage, memory.resident, memory.swap.*, "
                        + "memory.available")) {
                    throw err.toException("virDomainMemoryStats(" + e.handle().uuid() + ")");
                }
                return stats;
            }
            for (int i = 0; i < n; i++) {
                stats.put(m.getInt(16L * i), m.getLong(16L * i + 8));
            }
            return stats;
        });
    }

    /** Whether {@code err} says the driver lacks {@code call}; if so, remembers it and says so once. */
    private boolean unsupportedCall(LibvirtError err, String call, String meters) {
        if (!err.unsupported()) {
            return false;
        }
        if (unsupported.add(call)) {
            LOG.info("the libvirt driver at {} does not support {} ({}): {} are not available from it", uri, call,
                    err.message(), meters);
        }
        return true;
    }

    @Override
    public List<DiskStats> inspectDisks(Snapshot snapshot, DomainDescription domain) throws InspectorException {
        Entry e = entry(snapshot, domain);
        BulkStats s = e.stats();
        List<DiskStats> result = new ArrayList<>(domain.disks().size());
        for (DomainDescription.Disk disk : domain.disks()) {
            String b = s.block(disk.device());
            if (b != null) {
                result.add(new DiskStats(disk, s.number(b + ".rd.reqs"), s.number(b + ".rd.bytes"),
                        s.number(b + ".wr.reqs"), s.number(b + ".wr.bytes"), s.number(b + ".rd.times"),
                        s.number(b + ".wr.times"), s.number(b + ".capacity"), s.number(b + ".allocation"),
                        s.number(b + ".physical")));
            } else {
                result.add(e.handle().use(dom -> diskStats(e, dom, disk)));
            }
        }
        return result;
    }

    /**
     * A disk missing from the bulk statistics, read with the per-disk calls. A call that fails
     * leaves its values {@code null} with the failure in {@link DiskStats#failures()}, and the
     * disk keeps what its other calls read (as Ceilometer, whose disk sizes and disk counters are
     * separate inspections); when every call made fails, or the domain is gone, it is thrown.
     */
    private DiskStats diskStats(Entry e, Pointer dom, DomainDescription.Disk disk) throws InspectorException {
        Memory m = SCRATCH.get();
        String dev = disk.device();
        int made = 0;
        Long[] io = new Long[4];
        InspectorException ioFailure = null;
        if (!unsupported.contains("virDomainBlockStats")) {
            made++;
            calls.incrementAndGet();
            if (LibvirtNative.virDomainBlockStats(dom, dev, m, 40) < 0) {
                ioFailure = failure(e, dev, "virDomainBlockStats", "disk.device.read/write.bytes/requests");
            } else {
                for (int i = 0; i < 4; i++) {
                    long v = m.getLong(8L * i);
                    io[i] = v < 0 ? null : v; // -1: not supplied by the driver
                }
            }
        }
        Long rdTimes = null;
        Long wrTimes = null;
        InspectorException latencyFailure = null;
        if (!unsupported.contains("virDomainBlockStatsFlags")) {
            made++;
            int[] n = {blockParamsMax};
            calls.incrementAndGet();
            if (LibvirtNative.virDomainBlockStatsFlags(dom, dev, m, n, 0) < 0) {
                latencyFailure = failure(e, dev, "virDomainBlockStatsFlags", "disk.device.read/write.latency");
            } else {
                BulkStats flags = statsReader.read(m, n[0]);
                rdTimes = flags.number("rd_total_times");
                wrTimes = flags.number("wr_total_times");
            }
        }
        Long[] info = new Long[3];
        InspectorException infoFailure = null;
        if (!unsupported.contains("virDomainGetBlockInfo")) {
            made++;
            calls.incrementAndGet();
            if (LibvirtNative.virDomainGetBlockInfo(dom, dev, m, 0) < 0) {
                infoFailure = failure(e, dev, "virDomainGetBlockInfo", "disk.device.capacity/allocation/usage");
            } else {
                info = new Long[] {m.getLong(0), m.getLong(8), m.getLong(16)};
            }
        }
        int failed = (ioFailure != null ? 1 : 0) + (latencyFailure != null ? 1 : 0) + (infoFailure != null ? 1 : 0);
        if (failed > 0 && failed == made) {
            throw ioFailure != null ? ioFailure : latencyFailure != null ? latencyFailure : infoFailure;
        }
        DiskStats.Failures failures = failed == 0 ? DiskStats.Failures.NONE
                : new DiskStats.Failures(ioFailure, latencyFailure, infoFailure);
        return new DiskStats(disk, io[0], io[1], io[2], io[3], rdTimes, wrTimes, info[0], info[1], info[2], failures);
    }

    /**
     * The last libvirt error, of per-disk call {@code call}: {@code null} when the driver does not
     * support it (remembered, said once), thrown when the domain is gone, else returned.
     */
    private InspectorException failure(Entry e, String dev, String call, String meters) throws InspectorException {
        LibvirtError err = LibvirtError.last();
        if (unsupportedCall(err, call, meters)) {
            return null;
        }
        InspectorException x = err.toException(call + "(" + e.handle().uuid() + ", " + dev + ")");
        if (x instanceof InstanceGoneException) {
            throw x;
        }
        return x;
    }

    @Override
    public List<NicStats> inspectVnics(Snapshot snapshot, DomainDescription domain) throws InspectorException {
        Entry e = entry(snapshot, domain);
        BulkStats s = e.stats();
        List<NicStats> result = new ArrayList<>(domain.nics().size());
        for (DomainDescription.Nic nic : domain.nics()) {
            String b = s.net(nic.name());
            if (b != null) {
                result.add(new NicStats(nic, s.number(b + ".rx.bytes"), s.number(b + ".rx.pkts"),
                        s.number(b + ".rx.errs"), s.number(b + ".rx.drop"), s.number(b + ".tx.bytes"),
                        s.number(b + ".tx.pkts"), s.number(b + ".tx.errs"), s.number(b + ".tx.drop")));
            } else if (!unsupported.contains("virDomainInterfaceStats")) {
                NicStats ns = e.handle().use(dom -> {
                    Memory m = SCRATCH.get();
                    calls.incrementAndGet();
                    if (LibvirtNative.virDomainInterfaceStats(dom, nic.name(), m, 64) < 0) {
                        LibvirtError err = LibvirtError.last();
                        if (!unsupportedCall(err, "virDomainInterfaceStats", "network.*")) {
                            throw err.toException("virDomainInterfaceStats(" + e.handle().uuid() + ", " + nic.name() + ")");
                        }
                        return null;
                    }
                    Long[] v = new Long[8];
                    for (int i = 0; i < 8; i++) {
                        long x = m.getLong(8L * i);
                        v[i] = x < 0 ? null : x;
                    }
                    return new NicStats(nic, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
                });
                if (ns != null) {
                    result.add(ns);
                }
            }
        }
        return result;
    }
}
