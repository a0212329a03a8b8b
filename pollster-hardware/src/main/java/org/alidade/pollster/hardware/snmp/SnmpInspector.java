package org.alidade.pollster.hardware.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.alidade.pollster.hardware.inspect.HostLog;
import org.alidade.pollster.hardware.inspect.HostReading;
import org.alidade.pollster.hardware.inspect.Scalar;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.Priv3DES;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Reads hosts over SNMP (SNMP4J, asynchronous): per host one GET for every scalar OID and one
 * GETBULK walk per table (all its columns side by side), all in flight at once, so a host costs
 * a few round trips. Many hosts are read at once, up to the configured concurrency; no thread
 * waits for an answer. Every read ends by the host's time limit at the latest, with the values
 * or a message that says what went wrong (no answer, unknown host, authentication failure, an
 * error status), never with credentials in it.
 *
 * <p>SNMPv3 users live in the USM of an SNMP session. Two targets that use the same user name
 * with different keys cannot share one USM, so such a target gets a session of its own.
 */
public final class SnmpInspector implements AutoCloseable {

    private static final int MAX_REPETITIONS = 50;
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;
    /** Stops a walk of a broken agent that never leaves a column. */
    private static final int MAX_ROWS = 10_000;

    private static final Map<String, OID> AUTH = Map.of("md5", AuthMD5.ID, "sha", AuthSHA.ID, "sha224",
            AuthHMAC128SHA224.ID, "sha256", AuthHMAC192SHA256.ID, "sha384", AuthHMAC256SHA384.ID, "sha512",
            AuthHMAC384SHA512.ID);
    private static final Map<String, OID> PRIV = Map.of("des", PrivDES.ID, "3des", Priv3DES.ID, "aes128",
            PrivAES128.ID, "aes192", PrivAES192.ID, "aes256", PrivAES256.ID);

    private static final Map<OID, String> REPORTS = Map.of(
            SnmpConstants.usmStatsUnsupportedSecLevels, "the user does not support this security level "
                    + "(authPriv/authNoPriv): check priv_proto",
            SnmpConstants.usmStatsNotInTimeWindows, "not in the agent's time window",
            SnmpConstants.usmStatsUnknownUserNames, "unknown SNMPv3 user",
            SnmpConstants.usmStatsUnknownEngineIDs, "unknown engine id",
            SnmpConstants.usmStatsWrongDigests, "authentication failed: wrong auth password or auth_proto",
            SnmpConstants.usmStatsDecryptionErrors, "decryption failed: wrong priv password or priv_proto");

    private final List<Session> sessions = new ArrayList<>(); // guarded by this; the first is for v1/v2c
    private final ScheduledExecutorService deadlines;
    private final ExecutorService starter;
    private final Limiter limiter;
    private final HostLog log;
    private final AtomicLong requests = new AtomicLong();
    private volatile SnmpSettings settings;

    public SnmpInspector(SnmpSettings settings, HostLog log) throws IOException {
        this.settings = settings;
        this.log = log;
        this.limiter = new Limiter(settings.concurrency());
        this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("alidade-snmp-deadline"));
        // resolves host names (blocking) and sends the first requests; answers come on SNMP4J's thread
        this.starter = Executors.newFixedThreadPool(4, daemon("alidade-snmp-start"));
        // the first session (a UDP socket and SNMP4J's listening thread) is opened by the first read
    }

    /** New limits and defaults take effect for reads started from now on. */
    public void configure(SnmpSettings s) {
        this.settings = s;
        limiter.setLimit(s.concurrency());
    }

    public SnmpSettings settings() {
        return settings;
    }

    /** SNMP requests sent since start (first tries), for the benchmark. */
    public long requestsSent() {
        return requests.get();
    }

    /** Reads one host; the future always completes, by the time limit at the latest (plus queueing). */
    public CompletableFuture<HostReading> read(SnmpTarget raw) {
        SnmpSettings s = settings;
        SnmpTarget t = s.withDefaults(raw);
        CompletableFuture<HostReading> result = new CompletableFuture<>();
        limiter.submit(() -> starter.execute(() -> start(t, s, result)));
        return result.whenComplete((r, e) -> limiter.release()).thenApply(log::report);
    }

    private void start(SnmpTarget t, SnmpSettings s, CompletableFuture<HostReading> result) {
        String name = t.safeUrl();
        try {
            InetAddress address = InetAddress.getByName(t.host());
            Target<UdpAddress> target = target(t, new UdpAddress(address, t.port()), s);
            Session session = session(t);
            ScheduledFuture<?> deadline = deadlines.schedule(() -> result.complete(HostReading.failed(name,
                    noAnswer(s))), s.timeLimitMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> deadline.cancel(false));
            new Read(name, session.snmp, target, t.usm() != null, s, result).go();
        } catch (UnknownHostException e) {
            result.complete(HostReading.failed(name, "unknown host " + t.host()));
        } catch (RuntimeException | IOException e) {
            result.complete(HostReading.failed(name, "cannot poll: " + e.getMessage()));
        }
    }

    private static String noAnswer(SnmpSettings s) {
        return "no answer within " + s.timeLimitMillis() / 1000.0 + " s (" + (s.retries() + 1)
                + " tries): host down, port closed, or wrong community/credentials";
    }

    private Target<UdpAddress> target(SnmpTarget t, UdpAddress address, SnmpSettings s) {
        Target<UdpAddress> target;
        if (t.usm() != null) {
            UserTarget<UdpAddress> u = new UserTarget<>();
            u.setSecurityName(new OctetString(t.usm().user()));
            u.setSecurityLevel(t.usm().privProtocol() == null ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.AUTH_PRIV);
            u.setVersion(SnmpConstants.version3);
            target = u;
        } else {
            CommunityTarget<UdpAddress> c = new CommunityTarget<>();
            c.setCommunity(new OctetString(t.community() == null ? "public" : t.community()));
            c.setVersion(SnmpConstants.version2c);
            target = c;
        }
        target.setAddress(address);
        target.setRetries(s.retries());
        target.setTimeout(Math.max(1, s.timeLimitMillis() / (s.retries() + 1)));
        target.setMaxSizeRequestPDU(65535);
        return target;
    }

    /** The session whose USM holds this target's user with these keys (adding it where it fits). */
    private synchronized Session session(SnmpTarget t) throws IOException {
        if (sessions.isEmpty()) {
            sessions.add(new Session());
        }
        if (t.usm() == null) {
            return sessions.get(0);
        }
        UsmCredentials c = t.usm();
        for (Session s : sessions) {
            UsmCredentials known = s.users.get(c.user());
            if (known == null) {
                s.addUser(c);
                return s;
            }
            if (known.equals(c)) {
                return s;
            }
        }
        Session s = new Session();
        sessions.add(s);
        s.addUser(c);
        return s;
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        starter.shutdownNow();
        synchronized (this) {
            for (Session s : sessions) {
                try {
                    s.snmp.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    /** One read of one host: the scalar GET and the table walks, completing {@code result} once. */
    private final class Read {
        private final String name;
        private final Snmp snmp;
        private final Target<UdpAddress> target;
        private final boolean v3;
        private final CompletableFuture<HostReading> result;
        private final Map<OID, Variable> scalars = new ConcurrentHashMap<>();
        private final Map<OID, Variable> columns = new ConcurrentHashMap<>();
        private final AtomicInteger pending = new AtomicInteger(1 + SnmpOids.TABLES.size());

        Read(String name, Snmp snmp, Target<UdpAddress> target, boolean v3, SnmpSettings s,
                CompletableFuture<HostReading> result) {
            this.name = name;
            this.snmp = snmp;
            this.target = target;
            this.v3 = v3;
            this.result = result;
        }

        void go() throws IOException {
            PDU get = pdu(PDU.GET);
            for (Scalar s : Scalar.values()) {
                get.add(new VariableBinding(new OID(s.oid())));
            }
            send(get, response -> {
                for (VariableBinding vb : response.getVariableBindings()) {
                    scalars.put(vb.getOid(), vb.getVariable());
                }
                partDone();
            });
            for (List<OID> table : SnmpOids.TABLES) {
                walk(table, table.toArray(new OID[0]), new boolean[table.size()], 0);
            }
        }

        private void walk(List<OID> cols, OID[] next, boolean[] done, int rows) throws IOException {
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                if (!done[i]) {
                    active.add(i);
                }
            }
            if (active.isEmpty() || rows > MAX_ROWS) {
                partDone();
                return;
            }
            PDU bulk = pdu(PDU.GETBULK);
            bulk.setNonRepeaters(0);
            bulk.setMaxRepetitions(MAX_REPETITIONS);
            for (int i : active) {
                bulk.add(new VariableBinding(next[i]));
            }
            send(bulk, response -> {
                List<? extends VariableBinding> vbs = response.getVariableBindings();
                if (vbs.isEmpty()) {
                    partDone();
                    return;
                }
                for (int k = 0; k < vbs.size(); k++) {
                    int c = active.get(k % active.size());
                    if (done[c]) {
                        continue;
                    }
                    VariableBinding vb = vbs.get(k);
                    OID oid = vb.getOid();
                    if (vb.getVariable().isException() || !oid.startsWith(cols.get(c)) || oid.size() <= cols.get(c).size()
                            || oid.compareTo(next[c]) <= 0) {
                        done[c] = true;
                    } else {
                        columns.put(oid, vb.getVariable());
                        next[c] = oid;
                    }
                }
                walk(cols, next, done, rows + vbs.size() / active.size() + 1);
            });
        }

        private PDU pdu(int type) {
            PDU p = v3 ? new ScopedPDU() : new PDU();
            p.setType(type);
            return p;
        }

        private void send(PDU pdu, ResponseHandler handler) throws IOException {
            if (result.isDone()) {
                return;
            }
            requests.incrementAndGet();
            snmp.send(pdu, target, null, new ResponseListener() {
                @Override
                public <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> event) {
                    ((Snmp) event.getSource()).cancel(event.getRequest(), this);
                    if (result.isDone()) {
                        return;
                    }
                    PDU response = event.getResponse();
                    if (event.getError() != null) {
                        fail("request failed: " + event.getError().getMessage());
                    } else if (response == null) {
                        fail(noAnswer(settings));
                    } else if (response.getType() == PDU.REPORT) {
                        fail(report(response));
                    } else if (response.getErrorStatus() != PDU.noError) {
                        fail("agent answered " + response.getErrorStatusText() + " (error index "
                                + response.getErrorIndex() + ")");
                    } else {
                        try {
                            handler.handle(response);
                        } catch (IOException | RuntimeException e) {
                            fail("cannot continue the walk: " + e.getMessage());
                        }
                    }
                }
            });
        }

        private String report(PDU response) {
            if (response.size() > 0) {
                OID oid = response.get(0).getOid().trim();
                for (Map.Entry<OID, String> e : REPORTS.entrySet()) {
                    if (oid.startsWith(e.getKey().trim())) {
                        return "SNMPv3 " + e.getValue();
                    }
                }
                return "SNMPv3 report " + response.get(0).getOid();
            }
            return "SNMPv3 report without a reason";
        }

        private void fail(String message) {
            result.complete(HostReading.failed(name, message));
        }

        private void partDone() {
            if (pending.decrementAndGet() == 0) {
                result.complete(HostReading.ok(name, SnmpMapping.map(scalars, new HashMap<>(columns))));
            }
        }
    }

    @FunctionalInterface
    private interface ResponseHandler {
        void handle(PDU response) throws IOException;
    }

    /** An SNMP4J session (one UDP socket) and the USM users it knows. */
    private static final class Session {
        final Snmp snmp;
        final USM usm;
        final Map<String, UsmCredentials> users = new HashMap<>();

        Session() throws IOException {
            // Agents send "wrong digest" / "decryption error" reports unauthenticated (they cannot
            // authenticate to a user whose key they reject). RFC 3412's strict reading drops them, which
            // turns a wrong key into a silent time-out; accepting them gives the operator the reason.
            // The worst a forged report can do is fail that one read. (A static setting, but of this
            // bundle's private SNMP4J copy.)
            SNMP4JSettings.setReportSecurityLevelStrategy(SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
            // SNMP4J's private copy (embedded in this bundle): its defaults no longer hold MD5 and SHA-1,
            // which most agents in the field still use
            SecurityProtocols protocols = SecurityProtocols.getInstance();
            protocols.addDefaultProtocols();
            protocols.addAuthenticationProtocol(new AuthMD5());
            protocols.addAuthenticationProtocol(new AuthSHA());
            usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
            dispatcher.addMessageProcessingModel(new MPv2c());
            dispatcher.addMessageProcessingModel(new MPv3(usm));
            DefaultUdpTransportMapping udp = new DefaultUdpTransportMapping();
            // answers of many hosts arrive in one burst (tables of tens of kB each); with the kernel's
            // default buffer they overflow and are lost, which costs a retry (measured: 200 hosts 5.9 s → see
            // the benchmark). The kernel caps the size at net.core.rmem_max.
            udp.setReceiveBufferSize(RECEIVE_BUFFER);
            snmp = new Snmp(dispatcher, udp);
            snmp.listen();
        }

        void addUser(UsmCredentials c) {
            OctetString user = new OctetString(c.user());
            usm.addUser(user, new UsmUser(user, AUTH.get(c.authProtocol()), new OctetString(c.authPassword()),
                    c.privProtocol() == null ? null : PRIV.get(c.privProtocol()),
                    c.privPassword() == null ? null : new OctetString(c.privPassword())));
            users.put(c.user(), c);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
