package org.alidade.agent.core.shell;

import org.alidade.agent.core.config.Masking;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alidade.agent.core.polling.EngineComponent;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code alidade:*} commands. Each command is its own {@link Function} service, because Gogo
 * cannot map names such as {@code source-set} to Java methods, with the property
 * {@value #COMMAND} = its name; in plain Gogo (Felix) it is also a Gogo command
 * ({@code osgi.command.scope=alidade}, {@code osgi.command.function=NAME}). In Karaf's shell it is
 * not: bundle {@code org.alidade.karaf.shell} finds these services by {@value #COMMAND} and makes
 * each a Karaf command with completion, so that every name exists once there (see
 * {@link ShellEnabler#karafShell}). A command parses nothing itself: {@link AgentCommands} does
 * the work; this class adds {@code --help} and turns every failure into a one-line message.
 * Disabled until {@link ShellEnabler} finds Gogo wired to this bundle.
 */
@Component(immediate = true, enabled = false)
public final class ShellCommands {

    /** Service property of every command's {@link Function}: the command's name without scope. */
    public static final String COMMAND = "alidade.command";

    private static final Logger LOG = LoggerFactory.getLogger(ShellCommands.class);

    /** One command: its usage line, what it does, and the handler. */
    private record Command(String usage, String help, Handler handler) {
    }

    @FunctionalInterface
    private interface Handler {
        String run(List<String> args) throws Exception;
    }

    private final List<ServiceRegistration<Function>> registrations = new ArrayList<>();

    @Activate
    public ShellCommands(BundleContext context, @Reference EngineComponent agent,
            @Reference ConfigurationAdmin configAdmin) {
        String etc = context.getProperty("felix.fileinstall.dir");
        AgentCommands c = new AgentCommands(agent, configAdmin, etc == null ? null : Path.of(etc));
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("sources", new Command("sources", "lists the polling sources: in force or rejected, and why",
                c::sources));
        commands.put("pollsters", new Command("pollsters", "lists the registered pollsters with their bundle",
                c::pollsters));
        commands.put("discoveries", new Command("discoveries", "lists the registered discoveries", c::discoveries));
        commands.put("plan", new Command("plan", "shows the plan in force: interval -> source -> meters", c::plan));
        commands.put("status", new Command("status",
                "per interval: last start, duration, samples, errors, overruns; per sink: backlog", c::status));
        commands.put("poll", new Command("poll [SOURCE|*] [METER|*]",
                "polls now and prints the samples, without publishing them", c::poll));
        commands.put("source-set", new Command("source-set NAME key=value...",
                "creates or changes a polling source through ConfigAdmin (keys: interval, meters, resources, "
                        + "discovery; lists comma-separated); saved to etc/ when FileInstall watches it",
                c::sourceSet));
        commands.put("source-remove", new Command("source-remove NAME", "deletes a polling source from ConfigAdmin",
                c::sourceRemove));
        commands.put("blacklist", new Command("blacklist",
                "lists the resources pollsters declared they can never poll", c::blacklist));
        commands.put("blacklist-clear", new Command("blacklist-clear [SOURCE|*] [POLLSTER|*]",
                "forgets blacklisted resources so they are polled again", c::blacklistClear));
        boolean gogo = !ShellEnabler.karafShell(context.getBundle());
        commands.forEach((name, command) -> registrations.add(register(context, name, command, gogo)));
    }

    private static ServiceRegistration<Function> register(BundleContext context, String name, Command command,
            boolean gogo) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(COMMAND, name);
        if (gogo) {
            props.put("osgi.command.scope", "alidade");
            props.put("osgi.command.function", name);
        }
        Function f = (CommandSession session, List<Object> arguments) -> run(name, command, arguments);
        return context.registerService(Function.class, f, props);
    }

    static String run(String name, Command command, List<Object> arguments) {
        List<String> args = arguments.stream().map(String::valueOf).toList();
        if (args.contains("--help") || args.contains("-h")) {
            return "usage: alidade:" + command.usage() + "\n  " + command.help() + "\n";
        }
        try {
            return command.handler().run(args);
        } catch (AgentCommands.CommandException e) {
            return "alidade:" + name + ": " + e.getMessage() + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "alidade:" + name + ": interrupted\n";
        } catch (Exception | LinkageError e) {
            LOG.error("alidade:{} failed", name, e);
            return "alidade:" + name + ": failed: " + Masking.mask(String.valueOf(e.getMessage()))
                    + " (details in the log)\n";
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<Function> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
        registrations.clear();
    }
}
