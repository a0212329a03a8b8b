package org.alidade.coordination.it;

import static org.alidade.coordination.it.Fleet.converged;
import static org.alidade.coordination.it.Fleet.eventually;
import static org.alidade.coordination.it.Fleet.figure;
import static org.alidade.coordination.it.Fleet.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alidade.coordination.PartitionCommand;
import org.alidade.coordination.partition.Fallback;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Several agents, one real ZooKeeper (in process): the split, a crash, a newcomer. */
class PartitioningIT {

    private static final Fleet FLEET = Fleet.of(1000); // 1000 static + 1000 discovered
    private static TestingServer zookeeper;

    private final List<Agent> agents = new ArrayList<>();
    private final List<TcpProxy> proxies = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        // tick 500 ms: sessions of 3 s are allowed (ZooKeeper's minimum is 2 ticks)
        zookeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1), true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zookeeper.close();
    }

    @AfterEach
    void closeAgents() {
        agents.forEach(Agent::close);
        proxies.forEach(TcpProxy::close);
    }

    /** Each test its own group prefix: a crashed agent of one test must not sit in the next one's groups. */
    private Agent agent(String name, TestInfo test) throws Exception {
        prefix = test.getTestMethod().orElseThrow().getName();
        TcpProxy proxy = new TcpProxy(zookeeper.getPort());
        proxies.add(proxy);
        Agent a = new Agent(name, Agent.settings(proxy.address(), prefix, Duration.ofSeconds(300), Fallback.ALL),
                FLEET);
        agents.add(a);
        return a;
    }

    private void startThree(TestInfo test) throws Exception {
        for (int i = 1; i <= 3; i++) {
            agent("agent-" + i, test);
        }
        long ms = eventually("3 agents see each other", () -> converged(agents, names(agents)));
        figure("3 agents joined and saw each other in %d ms", ms);
    }

    @Test
    void threeAgentsPollEveryResourceExactlyOnce(TestInfo test) throws Exception {
        startThree(test);
        long start = System.nanoTime();
        Map<String, Set<String>> polled = Fleet.cycle(agents);
        long cycleMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        FLEET.assertExactAndDisjoint(polled);
        figure("3 agents x %d resources, one cycle (%d ms for the three): %s", FLEET.all().size(), cycleMs,
                FLEET.spread(polled));
        System.out.println("alidade:partition on agent-1:\n" + PartitionCommand.render(agents.get(0).coordinator));
        assertEquals(0, agents.stream().mapToLong(a -> a.coordinator.fallbackCalls()).sum());
    }

    @Test
    void aCrashedAgentsShareIsTakenOverWithinItsSessionTimeoutPlusOneCycle(TestInfo test) throws Exception {
        startThree(test);
        FLEET.assertExactAndDisjoint(Fleet.cycle(agents));
        Agent crashed = agents.get(2);
        List<Agent> survivors = agents.subList(0, 2);

        long killed = System.nanoTime();
        proxies.get(2).kill(); // no goodbye: ZooKeeper notices only when the session times out
        Set<String> two = names(survivors);
        int cycles = 0;
        long coveredMs = -1;
        long sawLeaveMs = -1;
        while (coveredMs < 0) {
            boolean sawLeave = converged(survivors, two); // before the cycle: the cycle uses at least this view
            Map<String, Set<String>> polled = Fleet.cycle(survivors);
            cycles++;
            assertDisjoint(polled);
            if (sawLeave && sawLeaveMs < 0) {
                sawLeaveMs = Duration.ofNanos(System.nanoTime() - killed).toMillis();
            }
            if (sawLeave) {
                // the first cycle after both survivors know of the leave covers everything
                FLEET.assertExactAndDisjoint(polled);
            }
            if (FLEET.exactAndDisjoint(polled)) {
                coveredMs = Duration.ofNanos(System.nanoTime() - killed).toMillis();
                figure("crash of %s: survivors covered all %d resources %d ms after the crash (session timeout "
                        + "3000 ms, cycle every 500 ms; %d cycles); they saw it leave after %d ms; %s", crashed.name,
                        FLEET.all().size(), coveredMs, cycles, sawLeaveMs, FLEET.spread(polled));
            } else {
                assertTrue(System.nanoTime() - killed < Duration.ofSeconds(60).toNanos(), "never covered");
                Thread.sleep(500);
            }
        }
    }

    @Test
    void aFourthAgentTakesItsShareAndTheSplitStaysExact(TestInfo test) throws Exception {
        startThree(test);
        Map<String, Set<String>> before = Fleet.cycle(agents);
        FLEET.assertExactAndDisjoint(before);

        agent("agent-4", test);
        long ms = eventually("4 agents see each other", () -> converged(agents, names(agents)));
        Map<String, Set<String>> after = Fleet.cycle(agents);
        FLEET.assertExactAndDisjoint(after);
        int moved = 0;
        for (String name : List.of("agent-1", "agent-2", "agent-3")) {
            Set<String> gone = new HashSet<>(before.get(name));
            gone.removeAll(after.get(name));
            assertTrue(after.get("agent-4").containsAll(gone), "keys moved only to the newcomer");
            moved += gone.size();
            assertTrue(before.get(name).containsAll(after.get(name)), name + " gained nothing");
        }
        figure("a 4th agent joined (all saw it after %d ms): %d of %d resources moved, all to it (ideal 25%%: %d); %s",
                ms, moved, FLEET.all().size(), FLEET.all().size() / 4, FLEET.spread(after));
    }

    private static void assertDisjoint(Map<String, Set<String>> polled) {
        Set<String> seen = new HashSet<>();
        for (Set<String> s : polled.values()) {
            for (String id : s) {
                assertTrue(seen.add(id), id + " polled twice");
            }
        }
    }
}
