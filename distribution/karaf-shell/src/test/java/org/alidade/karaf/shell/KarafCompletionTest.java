package org.alidade.karaf.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alidade.api.Pollster;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.impl.action.command.ActionCommand;
import org.apache.karaf.shell.impl.action.command.ManagerImpl;
import org.apache.karaf.shell.impl.console.RegistryImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands' arguments completed by Karaf's own argument completer, as Karaf builds it from the
 * annotations: which completer serves which argument, and that Karaf, which checks every word
 * before the cursor against its argument's completer, goes on to the next argument.
 */
class KarafCompletionTest {

    private Session session;
    private ManagerImpl manager;

    @BeforeEach
    void registerTheCompletersAsKarafDoes() {
        RegistryImpl registry = new RegistryImpl(null);
        registry.register(Fakes.agent(Fakes.plan(60, Map.of("host", List.of("hardware.cpu.util",
                "hardware.memory.total"), "hot", List.of("test.hot"))), "host", "hot", "old"));
        registry.register(Fakes.context(List.of(
                new Fakes.Registered(Pollster.class, Map.of(Pollster.NAME, "hardware.memory.total"), null)),
                new int[1]));
        manager = new ManagerImpl(registry, registry);
        for (Class<?> c : List.of(PlannedSourceCompleter.class, PlannedMeterCompleter.class,
                SourceNameCompleter.class, SourceSetNameCompleter.class, SourceSettingCompleter.class)) {
            manager.register(c);
        }
        session = Fakes.session(registry);
    }

    private List<String> complete(Class<? extends Action> command, String buffer) {
        List<Candidate> candidates = new ArrayList<>();
        new ActionCommand(manager, command).getCompleter(false).completeCandidates(session, Fakes.line(buffer),
                candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void pollCompletesASourceThenItsMeters() {
        assertEquals(List.of("host", "hot"), complete(PollCommand.class, "alidade:poll h"));
        assertEquals(List.of("hardware.memory.total"), complete(PollCommand.class, "alidade:poll host hardware.m"));
        assertEquals(List.of("test.hot"), complete(PollCommand.class, "alidade:poll * t"));
        assertEquals(List.of(), complete(PollCommand.class, "alidade:poll host cpu "), "no third argument");
    }

    @Test
    void blacklistClearCompletesASourceThenItsPollsters() {
        assertEquals(List.of("*", "host", "hot"), complete(BlacklistClearCommand.class, "alidade:blacklist-clear "));
        assertEquals(List.of("*", "test.hot"), complete(BlacklistClearCommand.class, "alidade:blacklist-clear hot "));
    }

    @Test
    void sourceRemoveCompletesConfiguredSources() {
        assertEquals(List.of("old"), complete(SourceRemoveCommand.class, "alidade:source-remove o"));
        assertEquals(List.of(), complete(SourceRemoveCommand.class, "alidade:source-remove old "), "one name only");
    }

    @Test
    void sourceSetCompletesTheNameThenSettingAfterSetting() {
        assertEquals(List.of("host", "hot"), complete(SourceSetCommand.class, "alidade:source-set h"));
        assertEquals(List.of("meters=hardware.memory.total"),
                complete(SourceSetCommand.class, "alidade:source-set brand-new interval=30 meters=hard"));
        assertEquals(List.of("discovery="),
                complete(SourceSetCommand.class, "alidade:source-set host 'meters=hardware.*' resources=snmp://h d"));
    }

    @Test
    void theCommandNameItselfIsCompletedWithItsScope() {
        assertEquals(List.of("source-set", "alidade:source-set"), complete(SourceSetCommand.class, "alidade:sou"));
    }
}
