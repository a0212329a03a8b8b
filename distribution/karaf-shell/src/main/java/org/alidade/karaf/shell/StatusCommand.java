package org.alidade.karaf.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alidade:status}. */
@Command(scope = "alidade", name = "status", description = "per interval: last start, duration, samples, errors, "
        + "overruns; per sink: backlog")
@Service
public class StatusCommand extends AgentCommand {

    @Override
    public Object execute() throws Exception {
        return run("status");
    }
}
