package org.alidade.publisher.amqp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.alidade.api.DataFolders;
import org.alidade.api.SampleSink;
import org.alidade.publisher.amqp.link.LinkSettings;
import org.alidade.publisher.amqp.link.TlsSettings;
import org.alidade.publisher.amqp.link.Topology;
import org.alidade.publisher.amqp.link.TransportUrl;
import org.alidade.publisher.amqp.spool.Spool;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link AmqpSink} as a {@link SampleSink} named {@code amqp} while configuration
 * {@code org.alidade.publisher.amqp} exists, and the shell command {@code alidade:amqp} that
 * prints its status. A change of configuration restarts the sink: what it had not sent is
 * written to the spool folder and sent by the new one first.
 */
@Component(immediate = true, configurationPid = AmqpConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = AmqpConfig.class)
public final class AmqpSinkComponent {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpSinkComponent.class);

    private final AmqpSink sink;
    private final ServiceRegistration<SampleSink> sinkRegistration;
    private final ServiceRegistration<?> commandRegistration;

    @Activate
    public AmqpSinkComponent(BundleContext context, AmqpConfig config) throws Exception {
        Topology topology = topology(config);
        LinkSettings link = link(config);
        Path dir = DataFolders.resolve(config.spool__dir(), context, "amqp-spool");
        Spool spool = new Spool(dir, mib(config.spool__memory__mb()), mib(config.spool__disk__mb()));
        try {
            sink = new AmqpSink(link, topology, spool);
        } catch (Exception e) {
            spool.close();
            LOG.error("AMQP publisher not started: {}", e.toString());
            throw e;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SampleSink.NAME, "amqp");
        sinkRegistration = context.registerService(SampleSink.class, sink, props);
        Dictionary<String, Object> cmd = new Hashtable<>();
        cmd.put("osgi.command.scope", "alidade");
        cmd.put("osgi.command.function", new String[] {"amqp"});
        commandRegistration = context.registerService(Object.class, new AmqpCommand(sink), cmd);
        LOG.info("AMQP publisher: {} exchange '{}' topics {} spool {}", link.url(), topology.exchange(),
                topology.topics(), dir);
    }

    static Topology topology(AmqpConfig c) {
        List<String> topics = split(c.topics());
        Map<String, Object> args = new HashMap<>();
        if (c.rabbit__quorum__queue()) {
            args.put("x-queue-type", "quorum");
        }
        if (c.rabbit__ha__queues()) {
            args.put("x-ha-policy", "all");
        }
        String exchange = c.exchange() == null || c.exchange().isBlank() ? "ceilometer" : c.exchange().trim();
        return new Topology(exchange, topics, c.amqp__durable__queues() || c.rabbit__quorum__queue(),
                c.amqp__auto__delete(), args);
    }

    static LinkSettings link(AmqpConfig c) {
        TransportUrl url = TransportUrl.parse(c.transport__url()).withPassword(c.password());
        boolean tls = c.ssl() || url.tls();
        TlsSettings t = tls ? new TlsSettings(c.ssl__ca__file(), c.ssl__cert__file(), c.ssl__key__file(),
                c.ssl__verify__hostname()) : null;
        return new LinkSettings(url, t, Duration.ofSeconds(Math.max(0, c.heartbeat__timeout__threshold())),
                Duration.ofSeconds(Math.max(1, c.connect__timeout())), seconds(c.rabbit__retry__interval()),
                seconds(c.rabbit__retry__backoff()), seconds(c.rabbit__interval__max()),
                Duration.ofSeconds(Math.max(1, c.confirm__timeout())), Math.max(1, c.max__in__flight()));
    }

    /** Topics from a list, a comma-separated string, or both; blanks and repeats left out. */
    static List<String> split(String[] values) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                for (String t : v.split(",")) {
                    if (!t.isBlank()) {
                        out.add(t.trim());
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.max(0, Math.round(s * 1000)));
    }

    private static long mib(int mb) {
        return Math.max(0, mb) * 1024L * 1024L;
    }

    @Deactivate
    void stop() {
        for (ServiceRegistration<?> r : List.of(commandRegistration, sinkRegistration)) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and did it for us
            }
        }
        sink.close();
    }
}
