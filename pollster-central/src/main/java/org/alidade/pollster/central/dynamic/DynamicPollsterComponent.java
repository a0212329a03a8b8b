package org.alidade.pollster.central.dynamic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.alidade.api.Pollster;
import org.alidade.discovery.keystone.KeystoneSession;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PID {@value DynamicConfig#PID}: loads the dynamic pollster definitions at activation and
 * re-reads the folders every {@code scan_interval} seconds on one thread of its own; changes
 * register, re-register or unregister pollster services, so the engine re-plans without a restart.
 */
@Component(configurationPid = DynamicConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
@Designate(ocd = DynamicConfig.class)
public final class DynamicPollsterComponent {

    private static final Logger LOG = LoggerFactory.getLogger(DynamicPollsterComponent.class);

    private final DynamicPollsters pollsters;
    private ScheduledExecutorService scanner;

    @Activate
    public DynamicPollsterComponent(BundleContext context, @Reference KeystoneSession session, DynamicConfig config) {
        pollsters = new DynamicPollsters((p, props) -> {
            ServiceRegistration<Pollster> reg = context.registerService(Pollster.class, p, new Hashtable<>(props));
            return () -> {
                try {
                    reg.unregister();
                } catch (IllegalStateException e) {
                    // already gone with the bundle
                }
            };
        }, session, folders(config));
        start(config);
    }

    @Modified
    void modified(DynamicConfig config) {
        stop();
        pollsters.folders(folders(config));
        start(config);
    }

    private void start(DynamicConfig config) {
        pollsters.rescan();
        if (config.scan__interval() > 0) {
            long ms = Math.max(100, Math.round(config.scan__interval() * 1000));
            scanner = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "alidade-dynamic-pollsters");
                t.setDaemon(true);
                return t;
            });
            scanner.scheduleWithFixedDelay(this::scan, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    private void scan() {
        try {
            pollsters.rescan();
        } catch (RuntimeException e) {
            LOG.error("dynamic pollsters: scan failed", e);
        }
    }

    private void stop() {
        if (scanner != null) {
            scanner.shutdownNow();
            scanner = null;
        }
    }

    @Deactivate
    void deactivate() {
        stop();
        pollsters.close();
    }

    /** The folders, from a list or comma-separated values. */
    static List<Path> folders(DynamicConfig config) {
        List<Path> out = new ArrayList<>();
        for (String v : config.pollsters__definitions__dirs()) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(Path.of(part.trim()));
                }
            }
        }
        return out;
    }
}
