package org.alidade.agent.core.polling;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import org.alidade.agent.core.config.SourceRegistry;
import org.alidade.agent.core.sink.SinkFanout;
import org.alidade.api.Discovery;
import org.alidade.api.Partitioner;
import org.alidade.api.PollingAgent;
import org.alidade.api.Pollster;
import org.alidade.api.SampleSink;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine as a DS component: tracks every {@link Pollster}, {@link Discovery} and
 * {@link SampleSink} service (whiteboard), feeds them to the {@link PollingEngine} and
 * registers the {@link PollingAgent} view. A service with bad properties is logged and
 * ignored; it never disturbs the others.
 */
@Component(service = {PollingAgent.class, EngineComponent.class}, immediate = true, configurationPid = EngineComponent.PID)
@Designate(ocd = EngineComponent.Config.class)
public final class EngineComponent implements PollingAgent {

    public static final String PID = "org.alidade.polling";
    static final int SINK_QUEUE = 2_000;
    static final int SINK_WAIT = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(EngineComponent.class);

    @ObjectClassDefinition(name = "Alidade polling engine", description = "How the engine polls.")
    public @interface Config {
        @AttributeDefinition(required = false, description = "Pollster namespaces to run (compute, central, "
                + "hardware, …); empty runs every namespace. Comma-separated in .cfg files.")
        String[] namespaces() default {};

        @AttributeDefinition(required = false, description = "Path of a Ceilometer-format polling.yaml whose "
                + "sources are polled too; re-read when it changes. Empty for none.")
        String polling__yaml() default "";

        @AttributeDefinition(required = false, description = "Seconds between two checks of polling_yaml for changes.")
        int polling__yaml__check() default 2;

        @AttributeDefinition(required = false, description = "Samples per published batch; 0 sends each on its own.")
        int batch__size() default 50;

        @AttributeDefinition(required = false, description = "Time limit of one pollster or discovery call, seconds.")
        double pollster__timeout() default 60;

        @AttributeDefinition(required = false, description = "Pollster and discovery calls running at once.")
        int threads() default 4;

        @AttributeDefinition(required = false, description = "This agent's host name; empty uses the machine's.")
        String host() default "";

        @AttributeDefinition(required = false, description = "Samples queued per sink. A poll that finds a "
                + "sink's queue full waits for room (sink_wait): memory stays bounded whatever the sink does, and "
                + "samples in flight die young (a large queue costs garbage collections, not throughput).")
        int sink__queue() default SINK_QUEUE;

        @AttributeDefinition(required = false, description = "Milliseconds a poll waits for room in a sink's full "
                + "queue. When the wait runs out the sink counts as stuck: its oldest batches are dropped (and "
                + "counted) without waiting until it takes a batch again.")
        int sink__wait() default SINK_WAIT;

        @AttributeDefinition(required = false, description = "Milliseconds of quiet after a change before "
                + "re-planning, so that a burst of changes gives one plan.")
        int replan__delay() default 200;
    }

    private final SinkFanout fanout;
    private final PollingEngine engine;

    @Activate
    public EngineComponent(BundleContext context, @Reference SourceRegistry sources,
            @Reference MessageFactory messages, Config config) {
        this.fanout = new SinkFanout(SINK_QUEUE, SINK_WAIT);
        sinkLimits(config);
        this.engine = new PollingEngine(settings(config, EngineSettings.defaults(localHost())), sources, messages,
                fanout, Clock.systemUTC());
        // framework property set by the launcher's one-shot mode: plan, but poll only when asked
        engine.setScheduling(!"false".equals(context.getProperty("alidade.schedule")));
        engine.requestReplan();
    }

    @Modified
    void modified(Config config) {
        sinkLimits(config);
        engine.configure(settings(config, engine.settings()));
    }

    @Deactivate
    void deactivate() {
        engine.stop(5_000);
        fanout.close(5_000);
        LOG.info("engine stopped: running cycles ended, sinks flushed");
    }

    /** The sinks' queue limits; bad values are logged and the previous limits stay. */
    private void sinkLimits(Config c) {
        if (c.sink__queue() < 1 || c.sink__wait() < 0) {
            LOG.error("configuration {}: sink_queue must be 1 or more and sink_wait 0 or more, not {} and {} "
                    + "— keeping the previous limits", PID, c.sink__queue(), c.sink__wait());
            return;
        }
        fanout.limits(c.sink__queue(), c.sink__wait());
    }

    /** A bad value is logged and the previous settings stay. */
    static EngineSettings settings(Config c, EngineSettings previous) {
        try {
            Set<String> ns = new LinkedHashSet<>();
            for (String item : c.namespaces()) {
                Arrays.stream(item.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ns::add);
            }
            String host = c.host().isBlank() ? localHost() : c.host().trim();
            if (!(c.pollster__timeout() > 0)) {
                throw new IllegalArgumentException("pollster_timeout must be > 0 seconds, not " + c.pollster__timeout());
            }
            return new EngineSettings(ns, c.batch__size(), Math.round(c.pollster__timeout() * 1000), c.threads(),
                    host, Math.max(0, c.replan__delay()));
        } catch (IllegalArgumentException e) {
            LOG.error("configuration {}: {} — keeping the previous settings", PID, e.getMessage());
            return previous;
        }
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }

    // --- whiteboard -----------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPollster(ServiceReference<Pollster> ref, Pollster pollster) {
        long id = serviceId(ref);
        Object name = ref.getProperty(Pollster.NAME);
        if (!(name instanceof String n) || n.isBlank()) {
            LOG.error("pollster service {} of bundle {} has no {} property: ignored", id, bundle(ref), Pollster.NAME);
            return;
        }
        String discovery = null;
        try {
            discovery = pollster.defaultDiscovery().orElse(null);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("pollster {} of bundle {}: defaultDiscovery() failed, polling it without: {}", n, bundle(ref),
                    e.toString());
        }
        engine.addPollster(new PollsterEntry(n.trim(), strings(ref.getProperty(Pollster.NAMESPACE)), discovery,
                pollster, id, bundle(ref)));
    }

    void updatedPollster(ServiceReference<Pollster> ref, Pollster pollster) {
        engine.removePollster(serviceId(ref));
        addPollster(ref, pollster);
    }

    void removePollster(ServiceReference<Pollster> ref) {
        engine.removePollster(serviceId(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDiscovery(ServiceReference<Discovery> ref, Discovery discovery) {
        Object name = ref.getProperty(Discovery.NAME);
        if (!(name instanceof String n) || n.isBlank()) {
            LOG.error("discovery service {} of bundle {} has no {} property: ignored", serviceId(ref), bundle(ref),
                    Discovery.NAME);
            return;
        }
        Object group = ref.getProperty(Discovery.GROUP);
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        engine.addDiscovery(new DiscoveryEntry(n.trim(), group instanceof String g ? g : Discovery.DEFAULT_GROUP,
                discovery, serviceId(ref), ranking instanceof Integer r ? r : 0, bundle(ref)));
    }

    void updatedDiscovery(ServiceReference<Discovery> ref, Discovery discovery) {
        engine.removeDiscovery(serviceId(ref));
        addDiscovery(ref, discovery);
    }

    void removeDiscovery(ServiceReference<Discovery> ref) {
        engine.removeDiscovery(serviceId(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSink(ServiceReference<SampleSink> ref, SampleSink sink) {
        Object name = ref.getProperty(SampleSink.NAME);
        fanout.addSink(sink, name instanceof String n ? n : sink.getClass().getSimpleName() + "#" + serviceId(ref));
    }

    void removeSink(SampleSink sink) {
        fanout.removeSink(sink);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPartitioner(Partitioner partitioner) {
        engine.setPartitioner(partitioner);
    }

    void unsetPartitioner(Partitioner partitioner) {
        engine.setPartitioner(null);
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private static String bundle(ServiceReference<?> ref) {
        return ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName();
    }

    private static List<String> strings(Object value) {
        if (value instanceof String s) {
            return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
        if (value instanceof String[] a) {
            return Arrays.stream(a).map(String::trim).toList();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    // --- PollingAgent ---------------------------------------------------------------------

    /**
     * Polls every source once now, hands the samples to the sinks and waits (bounded) until they
     * have taken them: the agent's one-shot mode.
     *
     * @return one report per interval; {@code drained} tells whether the sinks caught up in time
     */
    public OnceResult pollAllAndPublish(long sinkWaitMillis) throws InterruptedException {
        List<CycleReport> reports = engine.pollNow(null, null, fanout);
        boolean drained = fanout.drain(sinkWaitMillis);
        return new OnceResult(reports, drained);
    }

    /** The outcome of {@link #pollAllAndPublish}. */
    public record OnceResult(List<CycleReport> reports, boolean drained) {
    }

    /** The engine itself, for the shell commands of this bundle. */
    public PollingEngine engine() {
        return engine;
    }

    @Override
    public SortedMap<Integer, SortedMap<String, List<String>>> plan() {
        return engine.planView();
    }

    @Override
    public List<SourceStatus> sources() {
        return engine.sources().status();
    }

    @Override
    public List<IntervalStatus> intervals() {
        return engine.intervals();
    }

    @Override
    public List<SinkStatus> sinks() {
        return fanout.status();
    }

    @Override
    public java.util.Map<String, Object> partitioning() {
        return engine.partitioning();
    }

    @Override
    public SortedMap<String, List<String>> blacklist() {
        return engine.blacklist();
    }

    @Override
    public int clearBlacklist(String source, String pollster) {
        return engine.clearBlacklist(source, pollster);
    }

    @Override
    public long planGeneration() {
        return engine.planGeneration();
    }
}
