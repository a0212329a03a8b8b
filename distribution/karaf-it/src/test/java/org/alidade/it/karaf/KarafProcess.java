package org.alidade.it.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stock Apache Karaf unpacked into {@code target/}, run headless ({@code bin/karaf server}, no console) and driven
 * through {@code bin/client -b} (batch mode: commands on stdin; return values are not printed, hence
 * {@code echo (cmd)}). Closing it always stops it: {@code bin/stop}, then the process tree is killed if it is still
 * there.
 *
 * <p>Changes to the stock configuration, all for a test on a shared machine: the {@code karaf} user is enabled
 * (commented out in 4.4), SSH listens on 127.0.0.1 on a free port, JMX/RMI on free ports, pax-url knows only Maven
 * Central and the build's local repository, and SNAPSHOT bundles are not re-checked at every feature operation
 * ({@code updateSnapshots = none}: another build writing the local repository must not update bundles under the
 * test).
 */
final class KarafProcess implements AutoCloseable {

    private final Path home;
    private final String javaHome;
    private final Path console;
    private int sshPort;
    private Process process;

    private KarafProcess(Path home, String javaHome) {
        this.home = home;
        this.javaHome = javaHome;
        this.console = home.resolveSibling("karaf-console.log");
    }

    /** Unpacks the tarball into a fresh {@code work} folder. */
    static KarafProcess unpack(Path tarball, Path work, String javaHome) throws IOException, InterruptedException {
        if (!Files.isRegularFile(tarball)) {
            throw new AssertionError("no Karaf tarball at " + tarball + " (maven-dependency-plugin copies it)");
        }
        if (!Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
            throw new AssertionError("no Java 17 at " + javaHome + " (-Dkaraf.java.home=...); Karaf 4.4 needs Java 17");
        }
        deleteTree(work);
        Files.createDirectories(work);
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", work.toString())
                .redirectErrorStream(true).start();
        String tarOut = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            throw new AssertionError("tar xzf " + tarball + " failed: " + tarOut);
        }
        try (Stream<Path> s = Files.list(work)) {
            Path home = s.filter(p -> p.getFileName().toString().startsWith("apache-karaf-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no apache-karaf-* folder in " + work));
            return new KarafProcess(home, javaHome);
        }
    }

    Path home() {
        return home;
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /** Adjusts the stock etc/ for a headless test run (see the class comment). */
    void configure(Path mavenRepoLocal) throws IOException {
        Path etc = home.resolve("etc");
        edit(etc.resolve("users.properties"), s -> s
                .replace("\n#karaf = karaf,_g_:admingroup", "\nkaraf = karaf,_g_:admingroup")
                .replace("\n#_g_\\:admingroup = ", "\n_g_\\:admingroup = "), "karaf = karaf,");
        sshPort = freePort();
        edit(etc.resolve("org.apache.karaf.shell.cfg"), s -> s
                .replaceAll("(?m)^sshPort\\s*=.*$", "sshPort = " + sshPort)
                .replaceAll("(?m)^sshHost\\s*=.*$", "sshHost = 127.0.0.1"), "sshHost = 127.0.0.1");
        int registry = freePort();
        int server = freePort();
        edit(etc.resolve("org.apache.karaf.management.cfg"), s -> s
                .replaceAll("(?m)^rmiRegistryPort\\s*=.*$", "rmiRegistryPort = " + registry)
                .replaceAll("(?m)^rmiServerPort\\s*=.*$", "rmiServerPort = " + server), "rmiServerPort = " + server);
        // pax-url: Central only (the stock list adds two snapshot repositories, unreachable and slow here) and
        // the build's local repository, where the SNAPSHOT bundles and the features repository are installed
        Path paxUrl = etc.resolve("org.ops4j.pax.url.mvn.cfg");
        List<String> kept = new ArrayList<>();
        boolean skipping = false; // a replaced key's continuation lines ('\' at the end)
        for (String line : Files.readAllLines(paxUrl)) {
            if (skipping || line.startsWith("org.ops4j.pax.url.mvn.repositories")
                    || line.startsWith("org.ops4j.pax.url.mvn.localRepository")) {
                skipping = line.stripTrailing().endsWith("\\");
                continue;
            }
            kept.add(line);
        }
        kept.add("org.ops4j.pax.url.mvn.repositories = https://repo1.maven.org/maven2@id=central");
        kept.add("org.ops4j.pax.url.mvn.localRepository = " + mavenRepoLocal.toAbsolutePath());
        Files.write(paxUrl, kept);
        Files.writeString(etc.resolve("org.apache.karaf.features.cfg"), "\nupdateSnapshots = none\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Starts {@code bin/karaf server} (no console); output goes to karaf-console.log next to the home. */
    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        pb.environment().put("JAVA_HOME", javaHome);
        process = pb.start();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The output of one client call (stdout and stderr) and its exit code. */
    record Output(int exit, String text) {
        boolean contains(String s) {
            return text.contains(s);
        }

        @Override
        public String toString() {
            return "exit " + exit + ":\n" + text;
        }
    }

    /**
     * Runs {@code bin/client -b} with the commands on stdin, in one shell session. {@code connectAttempts} retries
     * the connection (1 s apart) while SSH is not up yet.
     */
    Output client(int connectAttempts, Duration timeout, String... commands) throws IOException, InterruptedException {
        if (!alive()) {
            throw new AssertionError("Karaf is not running (exit " + (process == null ? "-" : process.exitValue())
                    + "); console: " + tail(console, 30));
        }
        Path out = Files.createTempFile(home.getParent(), "client-", ".out");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a",
                String.valueOf(sshPort), "-u", "karaf", "-p", "karaf", "-r", String.valueOf(connectAttempts), "-d",
                "1", "-b").directory(home.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("JAVA_HOME", javaHome);
        Process client = pb.start();
        client.getOutputStream().write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        try {
            if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(client);
                throw new AssertionError("bin/client did not finish in " + timeout.toSeconds() + " s: "
                        + String.join(" ; ", commands) + "\noutput so far:\n" + Files.readString(out));
            }
            // without colours: grep highlights its matches with ANSI escapes even in batch mode
            return new Output(client.exitValue(), Files.readString(out).replaceAll("\u001B\\[[;\\d]*[A-Za-z]", ""));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    Output client(String... commands) throws IOException, InterruptedException {
        return client(1, Duration.ofSeconds(90), commands);
    }

    /** An interactive console on a pseudo-terminal, for what batch mode cannot do: completion. */
    KarafTerminal terminal() throws IOException, InterruptedException {
        if (!alive()) {
            throw new AssertionError("Karaf is not running; console: " + tail(console, 30));
        }
        return KarafTerminal.open(home, javaHome, sshPort);
    }

    /** The last lines of Karaf's log (data/log/karaf.log), or of the console output if there is no log. */
    String logTail(int lines) {
        return Files.exists(log()) ? tail(log(), lines) : "(no " + log() + ") console: " + tail(console, lines);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** Stops Karaf: bin/stop, up to 30 s for a clean exit, then the process tree is killed. Never throws. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            if (process.isAlive()) {
                ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                        .redirectErrorStream(true).redirectOutput(home.resolveSibling("karaf-stop.log").toFile());
                pb.environment().put("JAVA_HOME", javaHome);
                Process stop = pb.start();
                if (!stop.waitFor(30, TimeUnit.SECONDS)) {
                    stop.destroyForcibly();
                }
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            System.err.println("[karaf-it] bin/stop failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                System.err.println("[karaf-it] Karaf did not stop in 30 s: killing it");
            }
            killTree(process);
        }
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private interface Edit {
        String apply(String text);
    }

    private static void edit(Path file, Edit edit, String mustContain) throws IOException {
        String after = edit.apply(Files.readString(file));
        if (!after.contains(mustContain)) {
            throw new AssertionError("could not set '" + mustContain + "' in " + file + " (Karaf's stock file changed?)");
        }
        Files.writeString(file, after);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
