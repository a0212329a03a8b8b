package org.alidade.karaf.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alidade:source-set NAME key=value...}. */
@Command(scope = "alidade", name = "source-set", description = "creates or changes a polling source through "
        + "ConfigAdmin (keys: interval, meters, resources, discovery; lists comma-separated); saved to etc/ when "
        + "FileInstall watches it")
@Service
public class SourceSetCommand extends AgentCommand {

    @Argument(index = 0, name = "name", required = true, description = "the source: an existing one, or a new name")
    @Completion(SourceSetNameCompleter.class)
    String name;

    @Argument(index = 1, name = "settings", multiValued = true, description = "interval=SECONDS meters=A,B "
            + "resources=URL,... discovery=NAME,...; quote values with * or ?: 'meters=hardware.*'")
    @Completion(SourceSettingCompleter.class)
    List<String> settings;

    @Override
    public Object execute() throws Exception {
        return run("source-set", name, settings);
    }
}
