package org.alidade.karaf.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A Karaf command that runs agent-core's command of the same name: the {@link Function} service
 * with {@value #COMMAND}{@code =NAME}, which parses the arguments, calls the engine and formats
 * the answer. This class only turns what Karaf parsed back into that argument list, so both
 * shells print the same text, and returns it (as the Gogo commands do: in batch mode
 * {@code echo (alidade:plan)} prints it).
 */
abstract class AgentCommand implements Action {

    /** agent-core's service property naming a command ({@code ShellCommands.COMMAND}). */
    static final String COMMAND = "alidade.command";

    @Reference
    BundleContext context;

    @Reference
    Session session;

    /**
     * Runs agent-core's command {@code name}. Arguments that are {@code null} (optional ones not
     * given) are left out; a collection stands for its elements.
     */
    Object run(String name, Object... arguments) throws Exception {
        List<Object> args = new ArrayList<>();
        for (Object a : arguments) {
            if (a instanceof Collection<?> c) {
                args.addAll(c);
            } else if (a != null) {
                args.add(a);
            }
        }
        ServiceReference<Function> ref = context.getServiceReferences(Function.class, "(" + COMMAND + "=" + name + ")")
                .stream().findFirst().orElse(null);
        Function command = ref == null ? null : context.getService(ref);
        if (command == null) {
            return "alidade:" + name + ": the agent's commands are not available (is bundle org.alidade.agent.core "
                    + "active?)\n";
        }
        try {
            return command.execute((CommandSession) session.get(".commandSession"), args);
        } finally {
            context.ungetService(ref);
        }
    }
}
