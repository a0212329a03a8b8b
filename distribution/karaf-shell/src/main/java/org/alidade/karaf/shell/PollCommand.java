package org.alidade.karaf.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alidade:poll [SOURCE] [METER]}. */
@Command(scope = "alidade", name = "poll", description = "polls now and prints the samples, without publishing them")
@Service
public class PollCommand extends AgentCommand {

    @Argument(index = 0, name = "source", description = "a source of the plan; * or none: every source")
    @Completion(PlannedSourceCompleter.class)
    String source;

    @Argument(index = 1, name = "meter", description = "a meter of that source; * or none: each of its meters")
    @Completion(PlannedMeterCompleter.class)
    String meter;

    @Override
    public Object execute() throws Exception {
        return run("poll", source, meter);
    }
}
