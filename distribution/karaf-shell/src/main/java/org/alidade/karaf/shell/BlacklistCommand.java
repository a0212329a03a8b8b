package org.alidade.karaf.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alidade:blacklist}. */
@Command(scope = "alidade", name = "blacklist", description = "lists the resources pollsters declared they can "
        + "never poll")
@Service
public class BlacklistCommand extends AgentCommand {

    @Override
    public Object execute() throws Exception {
        return run("blacklist");
    }
}
