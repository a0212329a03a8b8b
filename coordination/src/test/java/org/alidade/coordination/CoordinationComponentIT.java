package org.alidade.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.alidade.api.Partitioner;
import org.alidade.api.Resource;
import org.alidade.coordination.partition.Coordinator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The component's life cycle against a real ZooKeeper: register, reconfigure in place, leave. */
class CoordinationComponentIT {

    @Test
    void joinsAsConfiguredReconfiguresInPlaceAndLeavesOnDeactivation() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework admin = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            admin.start();
            Osgi osgi = new Osgi();
            CoordinationComponent c = new CoordinationComponent(osgi.context(), osgi.configAdmin(),
                    Osgi.config("backend_url", "zookeeper://" + zk.getConnectString(), "group_prefix", "blue"));
            c.addPollster(Osgi.pollster(1, "central"));
            Partitioner p = (Partitioner) osgi.registered.get(0);
            p.join(Set.of("global", "local"));
            List<Resource> three = List.of(Resource.of("a"), Resource.of("b"), Resource.of("c"));
            assertEquals(three, p.owned("global", three), "the only member owns all (waited for the membership)");
            String member = c.coordinator().member();
            assertEquals(List.of(member), admin.getChildren().forPath("/alidade/groups/central-blue-global"));
            assertEquals(List.of("central-blue-global"), admin.getChildren().forPath("/alidade/groups"),
                    "local is never shared");
            String text = PartitionCommand.render(c.coordinator());
            assertTrue(text.contains("central-blue-global  1        100.0%      3/3 (100.0%)"), text);

            c.modified(Osgi.config("backend_url", zk.getConnectString(), "group_prefix", "blue"));
            assertEquals(member, c.coordinator().member(), "the same settings again: the same member");

            c.modified(Osgi.config("backend_url", zk.getConnectString(), "group_prefix", "green"));
            assertEquals(1, osgi.registered.size(), "the service stays registered");
            Coordinator next = c.coordinator();
            assertNotEquals(member, next.member());
            assertEquals(three, p.owned("global", three));
            assertEquals(List.of(next.member()), admin.getChildren().forPath("/alidade/groups/central-green-global"),
                    "the new member joined the groups the engine gave before");
            assertTrue(admin.checkExists().forPath("/alidade/groups/central-blue-global") == null
                    || admin.getChildren().forPath("/alidade/groups/central-blue-global").isEmpty(), "the old one left");

            c.deactivate();
            assertEquals(List.of(), osgi.registered);
            assertTrue(admin.checkExists().forPath("/alidade/groups/central-green-global") == null
                    || admin.getChildren().forPath("/alidade/groups/central-green-global").isEmpty(), "left at once");
        }
    }
}
