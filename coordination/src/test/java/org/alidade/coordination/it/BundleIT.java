package org.alidade.coordination.it;

import static org.alidade.coordination.it.Fleet.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.alidade.api.Partitioner;
import org.alidade.api.Resource;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The built bundle in a real Felix with only SCR and ConfigAdmin beside it: the embedded Curator
 * and ZooKeeper client (with the part of Netty it links) resolve with nothing installed but
 * SLF4J, connect, join, and the command answers.
 * {@code org.alidade.api}, SLF4J and {@code org.osgi.service.cm} come from the test's class path
 * through the system bundle.
 */
class BundleIT {

    private static final List<String> PLATFORM = List.of("org.osgi.util.function", "org.osgi.util.promise",
            "org.osgi.service.component", "org.apache.felix.scr", "org.apache.felix.configadmin");

    /** The version agent-core exports org.alidade.api at, read from its manifest (jar or classes folder). */
    private static String apiVersion() throws Exception {
        Path where = Path.of(org.alidade.api.Partitioner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.util.jar.Manifest mf;
        if (java.nio.file.Files.isDirectory(where)) {
            try (var in = java.nio.file.Files.newInputStream(where.resolve("META-INF/MANIFEST.MF"))) {
                mf = new java.util.jar.Manifest(in);
            }
        } else {
            try (var jar = new java.util.jar.JarFile(where.toFile())) {
                mf = jar.getManifest();
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("org\\.alidade\\.api;version=\"?([0-9.]+)")
                .matcher(mf.getMainAttributes().getValue(Constants.EXPORT_PACKAGE));
        if (!m.find()) {
            throw new IllegalStateException("agent-core at " + where + " exports no versioned org.alidade.api");
        }
        return m.group(1);
    }

    @Test
    void theBundleResolvesOnItsOwnAndPartitionsInsideTheFramework() throws Exception {
        Path work = Path.of(System.getProperty("alidade.it.work"), "bundle-it");
        deleteRecursively(work);
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "org.alidade.api;version=" + apiVersion() + ",org.osgi.service.cm;version=1.6.1,"
                        + "org.slf4j;version=2.0.17,org.slf4j.helpers;version=2.0.17,org.slf4j.spi;version=2.0.17");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(props);
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework admin = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            framework.start();
            BundleContext ctx = framework.getBundleContext();
            for (String name : PLATFORM) {
                ctx.installBundle(Path.of(System.getProperty("alidade.it.bundles"), name + ".jar").toUri().toString())
                        .start();
            }
            Bundle coordination = ctx.installBundle(Path.of(System.getProperty("alidade.it.bundle")).toUri().toString());
            coordination.start(); // a missing import fails here, naming it
            assertEquals(Bundle.ACTIVE, coordination.getState());

            ConfigurationAdmin ca = ctx.getService(ctx.getServiceReference(ConfigurationAdmin.class));
            Hashtable<String, Object> config = new Hashtable<>();
            config.put("backend_url", zk.getConnectString());
            config.put("group_prefix", "osgi");
            ca.getConfiguration("org.alidade.coordination", null).update(config);

            eventually("Partitioner service", () -> ctx.getServiceReference(Partitioner.class) != null);
            Partitioner p = ctx.getService(ctx.getServiceReference(Partitioner.class));
            p.join(Set.of("global"));
            List<Resource> two = List.of(Resource.of("x"), Resource.of("y"));
            assertEquals(two, p.owned("global", two));
            admin.start();
            assertEquals(1, admin.getChildren().forPath("/alidade/groups/any-osgi-global").size());

            // all: the test's class path holds another copy of the command's class (Gogo looks them up so too)
            ServiceReference<?>[] commands = ctx.getAllServiceReferences(null,
                    "(&(osgi.command.scope=alidade)(osgi.command.function=partition))");
            assertNotNull(commands);
            Object command = ctx.getService(commands[0]);
            String text = (String) command.getClass().getMethod("partition").invoke(command);
            System.out.println("alidade:partition inside Felix:\n" + text);
            assertTrue(text.startsWith("state:      connected"), text);

            ca.getConfiguration("org.alidade.coordination", null).delete();
            eventually("Partitioner unregistered", () -> ctx.getServiceReference(Partitioner.class) == null);
            eventually("member left", () -> members(admin, "/alidade/groups/any-osgi-global") == 0);
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static int members(CuratorFramework admin, String group) {
        try {
            return admin.checkExists().forPath(group) == null ? 0 : admin.getChildren().forPath(group).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
