package org.alidade.karaf.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alidade:sources}. */
@Command(scope = "alidade", name = "sources", description = "lists the polling sources: in force or rejected, and why")
@Service
public class SourcesCommand extends AgentCommand {

    @Override
    public Object execute() throws Exception {
        return run("sources");
    }
}
