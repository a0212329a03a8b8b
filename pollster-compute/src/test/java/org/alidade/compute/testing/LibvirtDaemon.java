package org.alidade.compute.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private {@code libvirtd} of the test's own: its sockets in a fresh folder, no authentication
 * on them, and no hypervisor drivers loaded ({@code LIBVIRT_DRIVER_DIR} points at an empty
 * folder), so that it serves only the test driver built into libvirt. A client opens a node file
 * through it with {@link #uri}: the same libvirt calls as in-process, but over libvirt's remote
 * protocol, as every {@code qemu:///system} connection of a real host goes to its daemon.
 * Fails loudly, with the fix, when {@code libvirtd} is not installed.
 */
public final class LibvirtDaemon implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/libvirtd");

    private final Path dir;
    private Process process;

    private LibvirtDaemon(Path dir) {
        this.dir = dir;
    }

    /** Starts a daemon and waits until its read-only socket accepts connections. */
    public static LibvirtDaemon start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is not installed: the tests of libvirt's remote protocol need libvirt's daemon. "
                    + "Install the Debian package libvirt-daemon (scripts/test.sh does it).");
        }
        // under /tmp: a unix socket's path may not be longer than 107 bytes
        Path dir = Files.createTempDirectory("alidade-libvirtd-");
        Files.createDirectories(dir.resolve("no-drivers"));
        Files.writeString(dir.resolve("libvirtd.conf"), String.join("\n",
                "unix_sock_dir = \"" + dir + "\"",
                "unix_sock_ro_perms = \"0777\"",
                "unix_sock_rw_perms = \"0700\"",
                "auth_unix_ro = \"none\"",
                "auth_unix_rw = \"none\"",
                "log_outputs = \"3:file:" + dir.resolve("libvirtd.log") + "\"",
                ""));
        LibvirtDaemon daemon = new LibvirtDaemon(dir);
        daemon.launch();
        return daemon;
    }

    private void launch() throws IOException, InterruptedException {
        Files.deleteIfExists(socket()); // a killed daemon leaves its socket behind
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "--config", dir.resolve("libvirtd.conf").toString(),
                "--pid-file", dir.resolve("libvirtd.pid").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
        pb.environment().put("LIBVIRT_DRIVER_DIR", dir.resolve("no-drivers").toString());
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "no socket after 30 s" : "exited with " + process.exitValue();
                String out = read("stdout.log") + read("libvirtd.log");
                close();
                fail("the test's libvirtd did not start (" + why + "):\n" + out);
            }
            Thread.sleep(50);
        }
    }

    private String read(String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    /** Stops the daemon, as a host's libvirtd stops for an upgrade: its clients' connections break. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the stopped daemon again on the same sockets. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** The daemon's read-only socket. */
    public Path socket() {
        return dir.resolve("libvirt-sock-ro");
    }

    /** The URI of a node file opened by this daemon's test driver, reached over libvirt's remote protocol. */
    public String uri(Path node) {
        return "test+unix://" + node.toAbsolutePath() + "?socket=" + socket();
    }

    /** The URI of a shared fixture node file, as {@link #uri(Path)} (in pollster-compute's own tests). */
    public String fixture(String name) {
        return uri(Path.of(Nodes.fixture(name).substring("test://".length())));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
