package org.alidade.karaf.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alidade:plan}. */
@Command(scope = "alidade", name = "plan", description = "shows the plan in force: interval -> source -> meters")
@Service
public class PlanCommand extends AgentCommand {

    @Override
    public Object execute() throws Exception {
        return run("plan");
    }
}
