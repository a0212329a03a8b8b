package org.alidade.agent.core.polling;

import static org.alidade.agent.core.polling.Fixtures.entry;
import static org.alidade.agent.core.polling.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.alidade.agent.core.polling.Fixtures.RecordingPollster;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {

    private final PollsterEntry cpu = entry("cpu", new RecordingPollster("cpu"), "compute");
    private final PollsterEntry mem = entry("memory.usage", new RecordingPollster("memory.usage"), "compute");
    private final PollsterEntry image = entry("image.size", new RecordingPollster("image.size"), "central");
    private final PollsterEntry hw = entry("hardware.cpu.load.1min", new RecordingPollster("h"), "hardware", "central");

    private static List<String> names(PollingPlan plan, int interval, int sourceIndex) {
        return plan.tasks().get(interval).sources().get(sourceIndex).pollsters().stream().map(PollsterEntry::name)
                .toList();
    }

    @Test
    void groupsSourcesOfOneIntervalIntoOneTask() {
        PollingPlan plan = PlanBuilder.build(1, List.of(cpu, mem, image), List.of(),
                List.of(source("a", 60, "cpu"), source("b", 60, "memory.*"), source("c", 300, "*")), Set.of());
        assertEquals(Set.of(60, 300), plan.tasks().keySet());
        assertEquals(2, plan.tasks().get(60).sources().size());
        assertEquals(List.of("cpu"), names(plan, 60, 0));
        assertEquals(List.of("memory.usage"), names(plan, 60, 1));
        assertEquals(List.of("cpu", "image.size", "memory.usage"), names(plan, 300, 0));
    }

    @Test
    void aSourceThatSelectsNothingMakesNoTask() {
        PollingPlan plan = PlanBuilder.build(1, List.of(cpu), List.of(), List.of(source("a", 60, "disk.*")), Set.of());
        assertTrue(plan.tasks().isEmpty());
    }

    @Test
    void namespacesFilterPollstersAndAnyOfAPollstersNamespacesCounts() {
        List<PollsterEntry> all = List.of(cpu, mem, image, hw);
        PollingPlan central = PlanBuilder.build(1, all, List.of(), List.of(source("a", 60, "*")), Set.of("central"));
        assertEquals(List.of("hardware.cpu.load.1min", "image.size"), names(central, 60, 0));
        PollingPlan everything = PlanBuilder.build(1, all, List.of(), List.of(source("a", 60, "*")), Set.of());
        assertEquals(4, names(everything, 60, 0).size());
    }

    @Test
    void theHighestRankedDiscoveryOfANameIsTheOneUsed() {
        org.alidade.api.Discovery a = (c, p) -> List.of();
        org.alidade.api.Discovery b = (c, p) -> List.of();
        DiscoveryEntry low = new DiscoveryEntry("nodes", "global", a, 1, 0, "x");
        DiscoveryEntry high = new DiscoveryEntry("nodes", "global", b, 2, 10, "y");
        PollingPlan plan = PlanBuilder.build(1, List.of(), List.of(low, high), List.of(), Set.of());
        assertEquals(high, plan.discoveries().get("nodes"));
    }

    @Test
    void twoPollstersOfOneNameAreBothScheduled() {
        PollsterEntry cpu2 = entry("cpu", new RecordingPollster("cpu"), "compute");
        PollingPlan plan = PlanBuilder.build(1, List.of(cpu, cpu2), List.of(), List.of(source("a", 60, "cpu")),
                Set.of());
        assertEquals(List.of("cpu", "cpu"), names(plan, 60, 0));
    }

    @Test
    void isAPureFunctionOfItsInputs() {
        List<PollsterEntry> ps = List.of(image, cpu, mem);
        var sources = List.of(source("b", 60, "*"), source("a", 30, "cpu"));
        assertEquals(PlanBuilder.build(7, ps, List.of(), sources, Set.of()), PlanBuilder.build(7, List.of(mem, cpu, image),
                List.of(), List.of(sources.get(1), sources.get(0)), Set.of()));
    }

    @Test
    void listsThePartitioningGroupsItsCyclesUse() {
        org.alidade.api.Discovery d = (c, p) -> List.of();
        DiscoveryEntry nodes = new DiscoveryEntry("nodes", "global", d, 1, 0, "x");
        DiscoveryEntry local = new DiscoveryEntry("local_node", "local", d, 2, 0, "x");
        DiscoveryEntry unused = new DiscoveryEntry("unused", "elsewhere", d, 3, 0, "x");
        PollsterEntry withDefault = entry("h", new RecordingPollster("h", "local_node"), "test");
        PollingPlan plan = PlanBuilder.build(1, List.of(cpu, withDefault), List.of(nodes, local, unused),
                List.of(Fixtures.source("a", 60, List.of("cpu"), List.of("u2", "u1"), List.of("nodes:x")),
                        Fixtures.source("b", 60, "h")),
                Set.of());
        assertEquals(Set.of("global", "local", PollingPlan.staticGroup(List.of("u1", "u2"))), plan.groups());
    }

    @Test
    void theStaticGroupIsTheSameWhateverTheOrderOfTheResources() {
        assertEquals(PollingPlan.staticGroup(List.of("a", "b", "c")), PollingPlan.staticGroup(List.of("c", "a", "b")));
        assertTrue(PollingPlan.staticGroup(List.of("a")).matches("static-[0-9a-f]{16}"));
        assertTrue(!PollingPlan.staticGroup(List.of("ab")).equals(PollingPlan.staticGroup(List.of("a", "b"))));
    }
}
