package org.alidade.karaf.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Function;
import org.apache.karaf.shell.impl.console.RegistryImpl;
import org.junit.jupiter.api.Test;

/** The Karaf commands hand their arguments to agent-core's command service of the same name, and print its answer. */
class AgentCommandTest {

    private final List<List<Object>> calls = new ArrayList<>();
    private final int[] ungets = new int[1];

    /** agent-core's command service {@code name}: records its arguments and answers with its name. */
    private Fakes.Registered command(String name) {
        Function f = (session, args) -> {
            calls.add(args);
            return name + " done\n";
        };
        return new Fakes.Registered(Function.class, Map.of(AgentCommand.COMMAND, name), f);
    }

    private <C extends AgentCommand> C wire(C command) {
        command.context = Fakes.context(List.of(command("poll"), command("source-set"), command("plan")), ungets);
        command.session = Fakes.session(new RegistryImpl(null));
        return command;
    }

    @Test
    void pollPassesTheArgumentsGivenAndReturnsTheAnswer() throws Exception {
        PollCommand poll = wire(new PollCommand());
        poll.source = "host";
        assertEquals("poll done\n", poll.execute());
        poll.meter = "hardware.cpu.util";
        poll.execute();
        assertEquals(List.of(List.of("host"), List.of("host", "hardware.cpu.util")), calls);
        assertEquals(2, ungets[0], "the service is released after each call");
    }

    @Test
    void sourceSetPassesTheNameThenEverySetting() throws Exception {
        SourceSetCommand set = wire(new SourceSetCommand());
        set.name = "cpu";
        set.settings = List.of("interval=60", "meters=cpu,memory.usage");
        set.execute();
        assertEquals(List.of(List.of("cpu", "interval=60", "meters=cpu,memory.usage")), calls);
    }

    @Test
    void aCommandWithoutArgumentsPassesNone() throws Exception {
        assertEquals("plan done\n", wire(new PlanCommand()).execute());
        assertEquals(List.of(List.of()), calls);
    }

    @Test
    void withoutAgentCoresCommandTheAnswerSaysSo() throws Exception {
        assertEquals("alidade:status: the agent's commands are not available (is bundle org.alidade.agent.core "
                + "active?)\n", wire(new StatusCommand()).execute());
    }
}
