package org.alidade.agent.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources of a Ceilometer-format polling.yaml (property {@code polling_yaml} of PID
 * {@code org.alidade.polling}), re-read whenever the file changes.
 *
 * <p>A good source is put in force; a bad one is reported and its last good version (same
 * name) stays; a file that cannot be read or parsed keeps every source it gave before. Sources
 * that disappear from the file are removed.
 */
@Component(configurationPid = "org.alidade.polling")
public final class PollingYamlSources {

    private static final Logger LOG = LoggerFactory.getLogger(PollingYamlSources.class);

    /** The part of PID {@code org.alidade.polling} read here (the engine's metatype documents it). */
    @interface Config {
        String polling__yaml() default "";

        int polling__yaml__check() default 2;
    }

    private final SourceRegistry registry;
    private ScheduledExecutorService watcher;
    private Path file;
    private String prefix;
    private FileTime lastModified;
    private long lastSize = -1;

    @Activate
    public PollingYamlSources(@Reference SourceRegistry registry, Config config) {
        this.registry = registry;
        configure(config);
    }

    @Modified
    synchronized void configure(Config config) {
        Path next = config.polling__yaml().isBlank() ? null : Path.of(config.polling__yaml().trim()).toAbsolutePath();
        if (!Objects.equals(next, file)) {
            if (prefix != null) {
                registry.retain(prefix, Set.of());
            }
            file = next;
            prefix = next == null ? null : "yaml:" + next + "#";
            lastModified = null;
            lastSize = -1;
        }
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
        if (file != null) {
            check();
            int seconds = Math.max(1, config.polling__yaml__check());
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "alidade-polling-yaml");
                t.setDaemon(true);
                return t;
            });
            watcher.scheduleWithFixedDelay(this::check, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    /** Re-reads the file when its time or size changed. */
    synchronized void check() {
        if (file == null) {
            return;
        }
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            modified = null;
            size = -2;
        }
        if (Objects.equals(modified, lastModified) && size == lastSize) {
            return;
        }
        lastModified = modified;
        lastSize = size;
        load();
    }

    private void load() {
        PollingYaml.Result result = PollingYaml.read(file);
        String fileKey = prefix + "<file>";
        if (result.fileError() != null) {
            registry.reject(fileKey, file.toString(), result.fileError());
            return;
        }
        registry.remove(fileKey);
        Set<String> keys = new HashSet<>();
        for (PollingSource s : result.sources()) {
            String key = prefix + s.name();
            keys.add(key);
            registry.put(key, s);
        }
        for (InvalidSourceException e : result.rejected()) {
            String key = prefix + (e.sourceName() != null ? e.sourceName() : "#" + e.ordinal());
            if (keys.contains(key)) { // a duplicate name in the file: never touches the first one
                key = key + "#" + e.ordinal();
            }
            keys.add(key);
            registry.reject(key, file.toString(), e.getMessage());
        }
        registry.retain(prefix, keys);
        LOG.info("{}: {} sources in force, {} rejected", file, result.sources().size(), result.rejected().size());
    }

    @Deactivate
    synchronized void deactivate() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        if (prefix != null) {
            registry.retain(prefix, Set.of());
        }
    }
}
