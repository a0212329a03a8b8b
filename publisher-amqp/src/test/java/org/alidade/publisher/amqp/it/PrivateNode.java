package org.alidade.publisher.amqp.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A RabbitMQ node of this test's own (BUILD-NOTES recipe), never the shared one: plain AMQP on
 * {@link #PORT}, TLS on {@link #TLS_PORT} with a CA and server certificate made here by openssl.
 * Outages are {@code stop_app}/{@code start_app} of this node only.
 */
final class PrivateNode implements AutoCloseable {

    static final int PORT = 5683;
    static final int TLS_PORT = 5684;
    static final int DIST_PORT = 25683;

    final String node = "alidade-amqp-it-" + ProcessHandle.current().pid() + "@localhost";
    final Path dir;
    final Path caFile;

    PrivateNode(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        Path certs = dir.resolve("certs");
        Files.createDirectories(certs);
        caFile = certs.resolve("ca.pem");
        String c = certs.toString();
        sh("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=alidade-it-ca -keyout " + c + "/ca.key -out "
                + c + "/ca.pem");
        sh("openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout " + c + "/server.key -out " + c
                + "/server.csr");
        sh("printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > " + c + "/ext.cnf && openssl x509 -req -in " + c
                + "/server.csr -CA " + c + "/ca.pem -CAkey " + c + "/ca.key -CAcreateserial -days 2 -extfile " + c
                + "/ext.cnf -out " + c + "/server.pem");
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        Files.writeString(dir.resolve("rabbitmq.conf"), String.join("\n",
                "listeners.tcp.default = " + PORT,
                "listeners.ssl.default = " + TLS_PORT,
                "ssl_options.cacertfile = " + c + "/ca.pem",
                "ssl_options.certfile = " + c + "/server.pem",
                "ssl_options.keyfile = " + c + "/server.key",
                "ssl_options.verify = verify_none",
                "ssl_options.fail_if_no_peer_cert = false",
                "loopback_users = none", ""));
        sh("chown -R rabbitmq:rabbitmq " + dir);
        Map<String, String> env = new HashMap<>();
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_PORT", String.valueOf(PORT));
        env.put("RABBITMQ_DIST_PORT", String.valueOf(DIST_PORT));
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        Rabbitmqctl.run(env, 60, "rabbitmq-server", "-detached");
        // -detached returns before the node answers: until then await_startup fails at once
        long end = System.nanoTime() + 90_000_000_000L;
        while (true) {
            try {
                Rabbitmqctl.run(Map.of(), 90, "rabbitmqctl", "-n", node, "await_startup", "--timeout", "80");
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("private RabbitMQ node " + node + " did not start; its log is in "
                            + dir.resolve("log"), notYet);
                }
                sleep(500);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sh(String command) {
        Rabbitmqctl.run(Map.of(), 60, "sh", "-c", command + " 2>&1");
    }

    String url(String vhost) {
        return "rabbit://guest:guest@127.0.0.1:" + PORT + "/" + vhost;
    }

    String ctl(String... args) {
        return Rabbitmqctl.ctl(node, args);
    }

    void addVhost(String vhost) {
        ctl("add_vhost", vhost);
        ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    /** An outage: the node's listeners close (connections drop) until {@link #startApp}. */
    void stopApp() {
        ctl("stop_app");
    }

    void startApp() {
        ctl("start_app");
        ctl("await_startup");
    }

    @Override
    public void close() throws IOException {
        try {
            Rabbitmqctl.run(Map.of(), 60, "rabbitmqctl", "-n", node, "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
