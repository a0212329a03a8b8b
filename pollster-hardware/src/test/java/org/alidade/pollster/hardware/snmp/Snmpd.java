package org.alidade.pollster.hardware.snmp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Net-SNMP {@code snmpd} on loopback high ports, with a configuration the test writes
 * (v2c communities, v3 users, overrides). Fails loudly when snmpd is not installed. Also runs
 * {@code snmpget}/{@code snmpwalk} against it, for the values to compare with.
 */
public final class Snmpd implements AutoCloseable {

    public static final String COMMUNITY = "testcomm";
    /** Sees only the system group: every hardware OID answers noSuchObject. */
    public static final String LIMITED_COMMUNITY = "limited";
    public static final String V3_USER = "alidadev3";
    public static final String V3_AUTH = "authpassword1";
    public static final String V3_PRIV = "privpassword1";
    public static final String V3_SHA256_USER = "alidadesha2";
    public static final String V3_SHA256_AUTH = "authpassword2";
    public static final String V3_SHA256_PRIV = "privpassword2";

    private final Path dir;
    private final Process process;
    private final List<Integer> ports;

    private Snmpd(Path dir, Process process, List<Integer> ports) {
        this.dir = dir;
        this.process = process;
        this.ports = ports;
    }

    /** The standard test agent: v2c {@value #COMMUNITY}, {@value #LIMITED_COMMUNITY}, two v3 authPriv users. */
    public static Snmpd start(int portCount) throws IOException, InterruptedException {
        return start(portCount, List.of(
                "rocommunity " + COMMUNITY + " 127.0.0.1",
                "view systemonly included .1.3.6.1.2.1.1",
                "rocommunity " + LIMITED_COMMUNITY + " 127.0.0.1 -V systemonly",
                "createUser " + V3_USER + " SHA \"" + V3_AUTH + "\" AES \"" + V3_PRIV + "\"",
                "rouser " + V3_USER + " authpriv",
                "createUser " + V3_SHA256_USER + " SHA-256 \"" + V3_SHA256_AUTH + "\" AES \"" + V3_SHA256_PRIV + "\"",
                "rouser " + V3_SHA256_USER + " authpriv",
                "includeAllDisks 10%"));
    }

    /** An agent with the given configuration lines on {@code portCount} loopback ports. */
    public static Snmpd start(int portCount, List<String> config) throws IOException, InterruptedException {
        String snmpd = executable("snmpd", "/usr/sbin/snmpd");
        Path dir = Files.createTempDirectory("alidade-snmpd");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < portCount; i++) {
            try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                ports.add(s.getLocalPort());
            }
        }
        StringBuilder conf = new StringBuilder("agentaddress ");
        for (int i = 0; i < ports.size(); i++) {
            conf.append(i == 0 ? "" : ",").append("udp:127.0.0.1:").append(ports.get(i));
        }
        conf.append('\n');
        for (String line : config) {
            conf.append(line).append('\n');
        }
        Files.writeString(dir.resolve("snmpd.conf"), conf);
        Process p = new ProcessBuilder(snmpd, "-f", "-C", "-c", dir.resolve("snmpd.conf").toString(),
                "-p", dir.resolve("snmpd.pid").toString(), "--persistentDir=" + dir.resolve("persist"),
                "-I", "-smux", "-Lf", dir.resolve("snmpd.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.out").toFile())
                .start();
        Snmpd d = new Snmpd(dir, p, List.copyOf(ports));
        d.awaitReady(config.stream().anyMatch(l -> l.startsWith("rocommunity " + COMMUNITY)));
        return d;
    }

    private void awaitReady(boolean probe) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("snmpd exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("snmpd.out")) + log());
            }
            if (Files.exists(dir.resolve("snmpd.pid")) && (!probe
                    || !get(ports.get(ports.size() - 1), "1.3.6.1.2.1.1.3.0").isEmpty())) {
                return;
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("snmpd did not answer within 15 s: " + log());
    }

    private String log() throws IOException {
        Path l = dir.resolve("snmpd.log");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    public int port() {
        return ports.get(0);
    }

    public List<Integer> ports() {
        return ports;
    }

    /** {@code snmpget -v2c} of the OIDs with the test community: numeric OID → value text. */
    public Map<String, String> get(int port, String... oids) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(executable("snmpget", "/usr/bin/snmpget"), "-v2c", "-c", COMMUNITY,
                "-On", "-Oq", "-Oe", "-Ot", "-r", "1", "-t", "1", "127.0.0.1:" + port));
        cmd.addAll(List.of(oids));
        return run(cmd);
    }

    /** {@code snmpwalk -v2c} of a subtree: numeric OID → value text. */
    public Map<String, String> walk(String oid) throws IOException, InterruptedException {
        return run(List.of(executable("snmpwalk", "/usr/bin/snmpwalk"), "-v2c", "-c", COMMUNITY, "-On", "-Oq", "-Oe",
                "-Ot", "-r", "1", "-t", "1", "127.0.0.1:" + port(), oid));
    }

    private static Map<String, String> run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int sp = line.indexOf(' ');
            if (line.startsWith(".") && sp > 0) {
                String v = line.substring(sp + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                values.put(line.substring(1, sp), v);
            }
        }
        return values;
    }

    private static String executable(String name, String fallback) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        if (Files.isExecutable(Path.of(fallback))) {
            return fallback;
        }
        throw new IllegalStateException(name + " is not installed: the hardware tests need Debian's snmpd and snmp "
                + "packages (scripts/test.sh installs them; apt-get install snmpd snmp)");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("snmpd test folder " + dir + " not removed: " + e);
        }
    }
}
