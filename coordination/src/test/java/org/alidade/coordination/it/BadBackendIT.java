package org.alidade.coordination.it;

import static org.alidade.coordination.it.Fleet.converged;
import static org.alidade.coordination.it.Fleet.eventually;
import static org.alidade.coordination.it.Fleet.figure;
import static org.alidade.coordination.it.Fleet.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alidade.coordination.PartitionCommand;
import org.alidade.coordination.partition.Fallback;
import org.alidade.coordination.partition.PartitionView.State;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A backend that is not there, or a chroot that does not exist: a clear error, the fallback, recovery. */
class BadBackendIT {

    private static final Fleet FLEET = Fleet.of(1000);

    private final List<Agent> agents = new ArrayList<>();
    private TestingServer zookeeper;

    @AfterEach
    void stop() throws Exception {
        agents.forEach(Agent::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void anUnreachableBackendFallsBackAndRecoversWhenZooKeeperComesUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // nothing listens there now
        }
        String connect = "127.0.0.1:" + port;
        for (int i = 1; i <= 2; i++) {
            agents.add(new Agent("agent-" + i, Agent.settings(connect, "", Duration.ofSeconds(300), Fallback.ALL),
                    FLEET));
        }
        // the first cycle waits at most the connection timeout (3 s), then the fallback: all
        long start = System.nanoTime();
        Map<String, Set<String>> polled = Fleet.cycle(agents.subList(0, 1));
        figure("unreachable ZooKeeper: first cycle gave up waiting after %d ms (connection timeout 3000 ms)",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertEquals(FLEET.all(), polled.get("agent-1"));
        for (Agent a : agents) {
            eventually("fallback reported", () -> a.coordinator.view().state() == State.FALLBACK);
            String error = a.coordinator.view().error();
            assertEquals("cannot reach ZooKeeper at " + connect + " within 3 s: " + connect + " connection refused",
                    error);
            assertEquals(FLEET.all(), a.cycle(), "fallback all");
        }
        System.out.println("alidade:partition, ZooKeeper unreachable:\n" + PartitionCommand.render(agents.get(0).coordinator));

        long up = System.nanoTime();
        zookeeper = new TestingServer(new InstanceSpec(null, port, -1, -1, true, -1, 500, -1), true);
        long ms = eventually("agents connect", () -> converged(agents, names(agents)));
        FLEET.assertExactAndDisjoint(Fleet.cycle(agents));
        figure("ZooKeeper started on the configured port: 2 agents partition exactly %d ms later",
                Duration.ofNanos(System.nanoTime() - up).toMillis());
    }

    @Test
    void aMissingChrootIsReportedAndPartitioningStartsOnceItExists() throws Exception {
        zookeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1), true);
        String connect = zookeeper.getConnectString() + "/alidade-test/central";
        for (int i = 1; i <= 2; i++) {
            agents.add(new Agent("agent-" + i, Agent.settings(connect, "", Duration.ofSeconds(300), Fallback.NONE),
                    FLEET));
        }
        for (Agent a : agents) {
            eventually("chroot error reported", () -> a.coordinator.view().state() == State.FALLBACK);
            assertEquals("chroot /alidade-test/central does not exist on ZooKeeper " + zookeeper.getConnectString()
                    + " (create it, or fix backend_url)", a.coordinator.view().error());
            assertEquals(Set.of(), a.cycle(), "fallback none: nothing polled");
            assertTrue(a.coordinator.fallbackCalls() > 0);
        }
        System.out.println("alidade:partition, missing chroot:\n" + PartitionCommand.render(agents.get(0).coordinator));

        try (CuratorFramework admin = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(),
                new RetryOneTime(100))) {
            admin.start();
            admin.create().creatingParentsIfNeeded().forPath("/alidade-test/central");
        }
        long created = System.nanoTime();
        eventually("agents join", () -> converged(agents, names(agents)));
        FLEET.assertExactAndDisjoint(Fleet.cycle(agents));
        figure("chroot created: 2 agents partition exactly %d ms later (checked every 2 s)",
                Duration.ofNanos(System.nanoTime() - created).toMillis());
        try (CuratorFramework admin = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(),
                new RetryOneTime(100))) {
            admin.start();
            assertEquals(2, admin.getChildren().forPath("/alidade-test/central/alidade/groups/central-global").size(),
                    "the groups live under the chroot");
        }
    }
}
