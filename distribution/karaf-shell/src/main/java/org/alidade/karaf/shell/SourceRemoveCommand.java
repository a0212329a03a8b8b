package org.alidade.karaf.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alidade:source-remove NAME}. */
@Command(scope = "alidade", name = "source-remove", description = "deletes a polling source from ConfigAdmin")
@Service
public class SourceRemoveCommand extends AgentCommand {

    @Argument(index = 0, name = "name", required = true, description = "a configured source")
    @Completion(SourceNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        return run("source-remove", name);
    }
}
