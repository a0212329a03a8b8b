package org.alidade.karaf.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alidade:pollsters}. */
@Command(scope = "alidade", name = "pollsters", description = "lists the registered pollsters with their bundle")
@Service
public class PollstersCommand extends AgentCommand {

    @Override
    public Object execute() throws Exception {
        return run("pollsters");
    }
}
