package org.alidade.karaf.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alidade:blacklist-clear [SOURCE] [POLLSTER]}. */
@Command(scope = "alidade", name = "blacklist-clear", description = "forgets blacklisted resources so they are "
        + "polled again")
@Service
public class BlacklistClearCommand extends AgentCommand {

    @Argument(index = 0, name = "source", description = "a source of the plan; * or none: every source")
    @Completion(PlannedSourceCompleter.class)
    String source;

    @Argument(index = 1, name = "pollster", description = "a pollster (meter) of that source; * or none: each of "
            + "its pollsters")
    @Completion(PlannedMeterCompleter.class)
    String pollster;

    @Override
    public Object execute() throws Exception {
        return run("blacklist-clear", source, pollster);
    }
}
