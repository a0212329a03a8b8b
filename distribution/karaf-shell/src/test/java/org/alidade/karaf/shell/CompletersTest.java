package org.alidade.karaf.shell;

import static org.alidade.karaf.shell.Fakes.line;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.alidade.api.Discovery;
import org.alidade.api.PollingAgent;
import org.alidade.api.Pollster;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.Completer;
import org.junit.jupiter.api.Test;

/** Each completer on its own, with the command lines a user types (the cursor at the end). */
class CompletersTest {

    /** Two intervals, two sources; 'broken' is configured but rejected, so it is in no plan. */
    private static final PollingAgent AGENT = Fakes.agent(plan(), "host", "compute", "broken");

    private static SortedMap<Integer, SortedMap<String, List<String>>> plan() {
        SortedMap<Integer, SortedMap<String, List<String>>> plan = new TreeMap<>();
        plan.putAll(Fakes.plan(60, Map.of("host", List.of("hardware.cpu.util", "hardware.memory.total",
                "hardware.memory.used"))));
        plan.putAll(Fakes.plan(300, Map.of("compute", List.of("cpu", "memory.usage"))));
        return plan;
    }

    private static List<String> complete(Completer completer, String buffer) {
        List<Candidate> candidates = new ArrayList<>();
        completer.completeCandidates(null, line(buffer), candidates);
        // a candidate Karaf completes in full gets a space after it ('+'); one that goes on does not
        return candidates.stream().map(c -> c.value() + (c.complete() ? "+" : "")).toList();
    }

    private static PlannedSourceCompleter plannedSources() {
        PlannedSourceCompleter c = new PlannedSourceCompleter();
        c.agent = AGENT;
        return c;
    }

    private static PlannedMeterCompleter plannedMeters() {
        PlannedMeterCompleter c = new PlannedMeterCompleter();
        c.agent = AGENT;
        return c;
    }

    @Test
    void pollOffersEverySourceOfThePlanAndTheStar() {
        assertEquals(List.of("*+", "compute+", "host+"), complete(plannedSources(), "alidade:poll "));
        assertEquals(List.of("host+"), complete(plannedSources(), "alidade:poll ho"));
    }

    @Test
    void aRejectedSourceIsNotOfferedToPollAndNamesAreCaseSensitive() {
        assertEquals(List.of(), complete(plannedSources(), "alidade:poll br"));
        assertEquals(List.of(), complete(plannedSources(), "alidade:poll Ho"));
    }

    @Test
    void theMetersOfferedAreThoseOfTheSourceBefore() {
        assertEquals(List.of("*+", "hardware.cpu.util+", "hardware.memory.total+", "hardware.memory.used+"),
                complete(plannedMeters(), "alidade:poll host "));
        assertEquals(List.of("hardware.memory.total+", "hardware.memory.used+"),
                complete(plannedMeters(), "alidade:poll host hardware.memory."));
        assertEquals(List.of("cpu+"), complete(plannedMeters(), "alidade:blacklist-clear compute c"));
        assertEquals(List.of(), complete(plannedMeters(), "alidade:poll compute hardware."));
    }

    @Test
    void afterTheStarOrAnUnknownSourceEveryPlannedMeterIsOffered() {
        assertEquals(List.of("*+", "cpu+", "hardware.cpu.util+", "hardware.memory.total+", "hardware.memory.used+",
                "memory.usage+"), complete(plannedMeters(), "alidade:poll * "));
        assertEquals(List.of("memory.usage+"), complete(plannedMeters(), "alidade:blacklist-clear nosuch me"));
    }

    @Test
    void sourceRemoveOffersEveryConfiguredSourceRejectedOnesIncluded() {
        SourceNameCompleter c = new SourceNameCompleter();
        c.agent = AGENT;
        assertEquals(List.of("broken+", "compute+", "host+"), complete(c, "alidade:source-remove "));
        assertEquals(List.of("broken+"), complete(c, "alidade:source-remove b"));
        assertEquals(List.of(), complete(c, "alidade:source-remove x"));
    }

    @Test
    void sourceSetOffersTheConfiguredSourcesOrTheNewNameAsTyped() {
        SourceSetNameCompleter c = new SourceSetNameCompleter();
        c.agent = AGENT;
        assertEquals(List.of("broken+", "compute+", "host+"), complete(c, "alidade:source-set "));
        assertEquals(List.of("compute+"), complete(c, "alidade:source-set co"));
        assertEquals(List.of("cpu-hot+"), complete(c, "alidade:source-set cpu-hot"));
    }

    private static SourceSettingCompleter settings() {
        SourceSettingCompleter c = new SourceSettingCompleter();
        c.context = Fakes.context(List.of(
                pollster("cpu"), pollster("cpu.delta"), pollster("hardware.memory.total"),
                pollster(null), // ignored, as the engine ignores it
                new Fakes.Registered(Discovery.class, Map.of(Discovery.NAME, "local_instances"), null),
                new Fakes.Registered(Discovery.class, Map.of(Discovery.NAME, "local_node"), null)), new int[1]);
        return c;
    }

    private static Fakes.Registered pollster(String name) {
        return new Fakes.Registered(Pollster.class, name == null ? Map.of() : Map.of(Pollster.NAME, name), null);
    }

    @Test
    void sourceSetSettingsStartWithTheirKey() {
        assertEquals(List.of("interval=", "meters=", "resources=", "discovery="),
                complete(settings(), "alidade:source-set host "));
        assertEquals(List.of("meters="), complete(settings(), "alidade:source-set host me"));
        assertEquals(List.of(), complete(settings(), "alidade:source-set host colour"));
    }

    @Test
    void metersAreTheRegisteredPollstersAfterTheLastCommaOrExclamationMark() {
        assertEquals(List.of("meters=cpu+", "meters=cpu.delta+"),
                complete(settings(), "alidade:source-set x meters=c"));
        assertEquals(List.of("meters=cpu,hardware.memory.total+"),
                complete(settings(), "alidade:source-set x meters=cpu,h"));
        assertEquals(List.of("meters=hardware.*,!cpu.delta+"),
                complete(settings(), "alidade:source-set x meters=hardware.*,!cpu.d"));
    }

    @Test
    void aClosedQuotedSettingIsOfferedAsTypedAndNothingInsideAnOpenQuote() {
        // Karaf cannot complete inside an open quote (JLine fails first), but checks closed ones before the cursor
        assertEquals(List.of("'meters=hardware.*,!cpu.delta'+"),
                complete(settings(), "alidade:source-set x 'meters=hardware.*,!cpu.delta'"));
        assertEquals(List.of("\"interval=60\"+"), complete(settings(), "alidade:source-set x \"interval=60\""));
        assertEquals(List.of(), complete(settings(), "alidade:source-set x 'colour=red'"));
        assertEquals(List.of(), complete(settings(), "alidade:source-set x 'meters=cpu.d"));
    }

    @Test
    void discoveriesAreTheRegisteredOnes() {
        assertEquals(List.of("discovery=local_instances+", "discovery=local_node+"),
                complete(settings(), "alidade:source-set x discovery=local_"));
    }

    @Test
    void aValueNoNameCompletesIsOfferedAsTypedSoTheNextSettingCompletes() {
        assertEquals(List.of("interval=60"), complete(settings(), "alidade:source-set x interval=60"));
        assertEquals(List.of("meters=hardware.*"), complete(settings(), "alidade:source-set x meters=hardware.*"));
        assertEquals(List.of(), complete(settings(), "alidade:source-set x interval="));
        assertEquals(List.of(), complete(settings(), "alidade:source-set x colour=red"));
    }
}
