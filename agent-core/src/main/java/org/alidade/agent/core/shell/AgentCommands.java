package org.alidade.agent.core.shell;

import org.alidade.agent.core.config.Masking;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.alidade.agent.core.config.ConfiguredSource;
import org.alidade.agent.core.config.InvalidSourceException;
import org.alidade.agent.core.config.SourceParser;
import org.alidade.agent.core.polling.CycleReport;
import org.alidade.agent.core.polling.DiscoveryEntry;
import org.alidade.agent.core.polling.EngineComponent;
import org.alidade.agent.core.polling.PollsterEntry;
import org.alidade.api.PollingAgent.IntervalStatus;
import org.alidade.api.PollingAgent.SinkStatus;
import org.alidade.api.PollingAgent.SourceStatus;
import org.alidade.api.SampleBatch;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What each {@code alidade:*} command does: parse arguments, call the engine or ConfigAdmin,
 * format. No Gogo types here, so it is tested as plain Java. Every method returns the text to
 * print and throws {@link CommandException} with a message (never a stack trace) on bad input.
 */
public final class AgentCommands {

    /** A user error: its message is printed as it is. */
    public static final class CommandException extends Exception {
        private static final long serialVersionUID = 1L;

        public CommandException(String message) {
            super(message);
        }
    }

    private final EngineComponent agent;
    private final ConfigurationAdmin configAdmin;
    private final Path etc;

    /**
     * @param etc the folder FileInstall watches for {@code .cfg} files (Felix, Karaf), or
     *            {@code null}: sources are then kept in ConfigAdmin only
     */
    public AgentCommands(EngineComponent agent, ConfigurationAdmin configAdmin, Path etc) {
        this.agent = agent;
        this.configAdmin = configAdmin;
        this.etc = etc;
    }

    public String sources(List<String> args) throws CommandException {
        noArgs(args);
        Table t = new Table("NAME", "INTERVAL", "METERS", "RESOURCES", "DISCOVERY", "ORIGIN", "STATE");
        for (SourceStatus s : agent.sources()) {
            t.row(s.name(), s.interval() == null ? null : s.interval() + "s", String.join(",", s.meters()),
                    String.join(",", Masking.mask(s.resources())), String.join(",", Masking.mask(s.discovery())),
                    s.origin(), s.error() == null ? "ok" : "REJECTED: " + Masking.mask(s.error()));
        }
        return t.isEmpty() ? "no polling sources configured\n" : t.toString();
    }

    public String pollsters(List<String> args) throws CommandException {
        noArgs(args);
        Table t = new Table("METER", "NAMESPACES", "DEFAULT-DISCOVERY", "BUNDLE");
        for (PollsterEntry p : agent.engine().pollsters()) {
            t.row(p.name(), String.join(",", p.namespaces()), Masking.mask(p.defaultDiscovery()), p.bundle());
        }
        return t.isEmpty() ? "no pollsters registered\n" : t.toString();
    }

    public String discoveries(List<String> args) throws CommandException {
        noArgs(args);
        Table t = new Table("NAME", "GROUP", "RANKING", "BUNDLE");
        for (DiscoveryEntry d : agent.engine().discoveries()) {
            t.row(d.name(), d.group(), d.ranking(), d.bundle());
        }
        return t.isEmpty() ? "no discoveries registered\n" : t.toString();
    }

    public String plan(List<String> args) throws CommandException {
        noArgs(args);
        var plan = agent.plan();
        if (plan.isEmpty()) {
            return "plan #" + agent.planGeneration() + ": nothing to poll\n";
        }
        StringBuilder sb = new StringBuilder("plan #" + agent.planGeneration() + "\n");
        plan.forEach((interval, sources) -> {
            sb.append(interval).append("s\n");
            sources.forEach((source, meters) -> sb.append("  ").append(source).append(": ")
                    .append(String.join(", ", meters)).append('\n'));
        });
        return sb.toString();
    }

    public String status(List<String> args) throws CommandException {
        noArgs(args);
        Table t = new Table("INTERVAL", "LAST-START", "LAST-MS", "LAST-SAMPLES", "CYCLES", "SAMPLES", "ERRORS",
                "OVERRUNS", "TIMEOUTS", "SKIPPED", "LATE");
        for (IntervalStatus s : agent.intervals()) {
            t.row(s.interval() + "s", s.lastStart(), s.lastDurationMs(), s.lastSamples(), s.cycles(), s.samples(),
                    s.errors(), s.overruns(), s.timeouts(), s.skipped(), s.lateSamples());
        }
        Table sinks = new Table("SINK", "BACKLOG", "PUBLISHED", "FAILED", "DROPPED", "DETAILS");
        for (SinkStatus s : agent.sinks()) {
            StringBuilder d = new StringBuilder();
            new TreeMap<>(s.details()).forEach((k, v) -> d.append(d.length() > 0 ? " " : "").append(k).append('=')
                    .append(Masking.mask(String.valueOf(v))));
            sinks.row(s.name(), s.backlog(), s.published(), s.failed(), s.dropped(), d);
        }
        StringBuilder partitioning = new StringBuilder("partitioning: ");
        Map<String, Object> p = agent.partitioning();
        if (p.isEmpty()) {
            partitioning.append("off (this agent polls everything)");
        } else {
            p.forEach((k, v) -> partitioning.append(k).append('=').append(Masking.mask(String.valueOf(v))).append(' '));
        }
        return (t.isEmpty() ? "no intervals in the plan\n" : t.toString()) + "\n"
                + (sinks.isEmpty() ? "no sinks registered: samples go nowhere\n" : sinks.toString()) + "\n"
                + partitioning.toString().strip() + "\n";
    }

    /** Polls now and prints the samples without publishing them (a dry run). */
    public String poll(List<String> args) throws CommandException, InterruptedException {
        if (args.size() > 2) {
            throw new CommandException("too many arguments: poll [SOURCE] [METER]");
        }
        String source = args.isEmpty() || args.get(0).equals("*") ? null : args.get(0);
        String meter = args.size() < 2 || args.get(1).equals("*") ? null : args.get(1);
        if (source != null && agent.plan().values().stream().noneMatch(m -> m.containsKey(source))) {
            throw new CommandException("no source named '" + source + "' in the plan (see alidade:plan)");
        }
        List<SampleBatch> batches = new ArrayList<>();
        List<CycleReport> reports = agent.engine().pollNow(source, meter, b -> {
            synchronized (batches) {
                batches.add(b);
            }
        });
        Table t = new Table("SOURCE", "METER", "RESOURCE", "VOLUME", "UNIT", "TYPE", "TIMESTAMP");
        synchronized (batches) {
            for (SampleBatch b : batches) {
                for (Map<String, Object> m : b.messages()) {
                    t.row(b.source(), m.get("counter_name"), Masking.mask(String.valueOf(m.get("resource_id"))),
                            m.get("counter_volume"), m.get("counter_unit"), m.get("counter_type"), m.get("timestamp"));
                }
            }
        }
        long samples = reports.stream().mapToLong(CycleReport::samples).sum();
        int calls = reports.stream().mapToInt(CycleReport::calls).sum();
        int errors = reports.stream().mapToInt(r -> r.errors() + r.timeouts()).sum();
        int skipped = reports.stream().mapToInt(CycleReport::skipped).sum();
        return (t.isEmpty() ? "" : t.toString()) + samples + " samples from " + calls + " pollster calls, " + errors
                + " failed, " + skipped + " skipped (not published: a dry run)\n";
    }

    /** Creates or changes a source through ConfigAdmin; validated first, so a bad value changes nothing. */
    public String sourceSet(List<String> args) throws CommandException, IOException {
        if (args.isEmpty()) {
            throw new CommandException("usage: source-set NAME key=value… (keys: interval, meters, resources, discovery)");
        }
        String name = args.get(0);
        Configuration existing = find(name);
        Map<String, Object> props = new HashMap<>();
        if (existing != null && existing.getProperties() != null) {
            Dictionary<String, Object> d = existing.getProperties();
            for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                props.put(k, d.get(k));
            }
        }
        props.put("name", name);
        for (String kv : args.subList(1, args.size())) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new CommandException("'" + kv + "' is not key=value");
            }
            String key = kv.substring(0, eq).trim();
            if (!List.of("interval", "meters", "resources", "discovery").contains(key)) {
                throw new CommandException("unknown key '" + key + "': use interval, meters, resources or discovery");
            }
            props.put(key, kv.substring(eq + 1).trim());
        }
        try {
            SourceParser.fromConfig(props, "alidade:source-set");
        } catch (InvalidSourceException e) {
            throw new CommandException(Masking.mask(e.getMessage()) + " — nothing changed");
        }
        Path file = existing == null ? null : cfgFile(existing);
        if (file == null && etc != null) {
            file = etc.resolve(ConfiguredSource.FACTORY_PID + "-" + name + ".cfg");
        }
        if (file != null) {
            // the file is the truth, as when a user edits etc/: FileInstall applies it to ConfigAdmin
            writeCfg(file, props);
            return "source " + name + (existing == null ? " created" : " updated") + " in " + file
                    + " (in force within seconds)\n";
        }
        Configuration c = existing != null ? existing
                : configAdmin.getFactoryConfiguration(ConfiguredSource.FACTORY_PID, name, "?");
        c.update(new Hashtable<>(userProperties(props)));
        return "source " + name + (existing == null ? " created" : " updated") + " (" + c.getPid() + ")\n";
    }

    /** The properties a user wrote, without those ConfigAdmin and FileInstall add. */
    private static Map<String, Object> userProperties(Map<String, Object> props) {
        Map<String, Object> out = new TreeMap<>();
        props.forEach((k, v) -> {
            if (!k.startsWith("service.") && !k.startsWith("felix.fileinstall.") && !k.startsWith("component.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static void writeCfg(Path file, Map<String, Object> props) throws IOException {
        StringBuilder sb = new StringBuilder("# written by alidade:source-set\n");
        Map<String, Object> user = userProperties(props);
        for (String key : List.of("name", "interval", "meters", "resources", "discovery")) {
            Object v = user.remove(key);
            if (v != null) {
                sb.append(key).append(" = ").append(cfgText(v)).append('\n');
            }
        }
        user.forEach((k, v) -> sb.append(k).append(" = ").append(cfgText(v)).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb.toString());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String cfgText(Object v) {
        if (v instanceof String[] a) {
            return String.join(", ", a);
        }
        if (v instanceof java.util.Collection<?> c) {
            return String.join(", ", c.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v).replace("\\", "\\\\");
    }

    /** The file FileInstall read a configuration from, if any. */
    private static Path cfgFile(Configuration c) {
        Object f = c.getProperties() == null ? null : c.getProperties().get("felix.fileinstall.filename");
        if (f == null) {
            return null;
        }
        String s = String.valueOf(f);
        return s.startsWith("file:") ? Path.of(URI.create(s)) : Path.of(s);
    }

    public String sourceRemove(List<String> args) throws CommandException, IOException {
        if (args.size() != 1) {
            throw new CommandException("usage: source-remove NAME");
        }
        Configuration c = find(args.get(0));
        if (c == null) {
            throw new CommandException("no configured source named '" + args.get(0)
                    + "' (sources from a polling.yaml are changed in that file)");
        }
        Path file = cfgFile(c);
        if (file != null && Files.exists(file)) {
            Files.delete(file); // FileInstall deletes the configuration
            return "source " + args.get(0) + " removed (deleted " + file + ")\n";
        }
        c.delete();
        return "source " + args.get(0) + " removed\n";
    }

    public String blacklist(List<String> args) throws CommandException {
        noArgs(args);
        Table t = new Table("SOURCE/POLLSTER", "RESOURCES");
        agent.blacklist().forEach((k, ids) -> t.row(k, String.join(",", Masking.mask(ids))));
        return t.isEmpty() ? "nothing blacklisted\n" : t.toString();
    }

    public String blacklistClear(List<String> args) throws CommandException {
        if (args.size() > 2) {
            throw new CommandException("usage: blacklist-clear [SOURCE|*] [POLLSTER|*]");
        }
        String source = args.isEmpty() || args.get(0).equals("*") ? null : args.get(0);
        String pollster = args.size() < 2 || args.get(1).equals("*") ? null : args.get(1);
        int n = agent.clearBlacklist(source, pollster);
        return "cleared " + n + " blacklisted resource" + (n == 1 ? "" : "s") + "\n";
    }

    private Configuration find(String name) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(&(service.factoryPid="
                    + ConfiguredSource.FACTORY_PID + ")(name=" + escape(name) + "))");
            return found == null || found.length == 0 ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\5c").replace("*", "\\2a").replace("(", "\\28").replace(")", "\\29");
    }

    private static void noArgs(List<String> args) throws CommandException {
        if (!args.isEmpty()) {
            throw new CommandException("unexpected arguments: " + args);
        }
    }
}
