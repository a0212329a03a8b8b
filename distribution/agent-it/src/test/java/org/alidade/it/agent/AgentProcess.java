package org.alidade.it.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The assembled agent, copied to a folder of the test's own and run as a separate process with
 * {@code bin/alidade}, its shell driven through stdin as a user with a pipe would.
 */
final class AgentProcess implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PROMPT = "g! ";

    private final Path home;
    private Process process;
    private final StringBuffer out = new StringBuffer();
    private int consumed;
    /** Whether the last prompt printed has been read, i.e. the shell waits for a command. */
    private boolean atPrompt;

    private AgentProcess(Path home) {
        this.home = home;
    }

    /** A fresh copy of the distribution for one test (nothing started yet). */
    static AgentProcess install(String name) throws IOException {
        Path dist = Path.of(required("alidade.it.dist"));
        if (!Files.isExecutable(dist.resolve("bin/alidade"))) {
            fail("no assembled agent at " + dist + ": build the felix-dist module first (mvn install)");
        }
        Path home = Path.of(required("alidade.it.work")).resolve(name);
        deleteRecursively(home);
        copyRecursively(dist, home);
        return new AgentProcess(home);
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(property + " is not set: run with Maven (Failsafe sets it)");
        }
        return v;
    }

    Path home() {
        return home;
    }

    Path etc(String file) {
        return home.resolve("etc").resolve(file);
    }

    /** Writes a polling source as a user would: {@code etc/org.alidade.polling.source-NAME.cfg}. */
    void writeSource(String name, String... lines) throws IOException {
        Path tmp = home.resolve("source.tmp");
        Files.writeString(tmp, "name = " + name + "\n" + String.join("\n", lines) + "\n");
        Files.move(tmp, etc("org.alidade.polling.source-" + name + ".cfg"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Starts {@code bin/alidade} with the given options; stdin stays open for shell commands. */
    AgentProcess start(String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/alidade").toString()));
        cmd.addAll(List.of(options));
        atPrompt = false;
        consumed = out.length();
        process = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "agent-stdout");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** Runs a shell command and returns what it printed before the next prompt. */
    String shell(String command) throws Exception {
        if (!atPrompt) {
            awaitPrompt();
        }
        int start = consumed;
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        int end = awaitPrompt();
        atPrompt = true;
        return out.substring(start, end).strip();
    }

    /**
     * Waits for a prompt after what was read so far, marks everything up to it read, and returns
     * where the prompt starts.
     */
    private int awaitPrompt() throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String all = out.toString();
            int p = all.indexOf(PROMPT, consumed);
            if (p >= 0) {
                consumed = p + PROMPT.length();
                return p;
            }
            if (!process.isAlive()) {
                fail("the agent exited (" + process.exitValue() + ") instead of prompting:\n" + all);
            }
            if (System.nanoTime() > deadline) {
                fail("no shell prompt within " + DEADLINE + ":\n" + all);
            }
            Thread.sleep(20);
        }
    }

    /** Everything the process printed so far. */
    String output() {
        return out.toString();
    }

    /** Waits for the process to end on its own; returns its exit code. */
    int awaitExit() throws InterruptedException {
        assertTrue(process.waitFor(DEADLINE.toSeconds() * 2, TimeUnit.SECONDS),
                "the agent did not exit:\n" + out);
        return process.exitValue();
    }

    /** SIGTERM, as systemd stops a service. */
    int terminate() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    long pid() {
        return process.pid();
    }

    /** The signed meter messages written by the file sink so far. */
    List<Map<String, Object>> samples() throws IOException {
        Path file = home.resolve("data/samples/samples.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> list = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = json.readValue(line, Map.class);
                list.add(m);
            }
        }
        return list;
    }

    List<Map<String, Object>> samples(String meter) throws IOException {
        return samples().stream().filter(m -> meter.equals(m.get("counter_name"))).toList();
    }

    String log() throws IOException {
        Path log = home.resolve("data/log/alidade.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    static void eventually(String what, BooleanSupplierWithIo condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    /** A condition that may read files. */
    @FunctionalInterface
    interface BooleanSupplierWithIo {
        boolean getAsBoolean() throws Exception;
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
