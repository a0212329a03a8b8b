package org.alidade.karaf.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alidade:discoveries}. */
@Command(scope = "alidade", name = "discoveries", description = "lists the registered discoveries")
@Service
public class DiscoveriesCommand extends AgentCommand {

    @Override
    public Object execute() throws Exception {
        return run("discoveries");
    }
}
