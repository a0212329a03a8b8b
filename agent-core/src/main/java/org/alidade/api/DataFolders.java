package org.alidade.api;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * Where a bundle keeps what must survive a restart (samples, spools): never in the framework
 * cache, which the agent cleans at every start. The agent's data folder is the framework property
 * {@code alidade.data}, else the system property of that name, else {@code ${karaf.data}/alidade}
 * inside Karaf, else {@code ./data}.
 */
public final class DataFolders {

    private DataFolders() {
    }

    /**
     * The folder to use: {@code configured} when the user set one, else {@code sub} in the agent's
     * data folder; absolute either way.
     */
    public static Path resolve(String configured, BundleContext context, String sub) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim()).toAbsolutePath();
        }
        return dataFolder(context == null ? null : context.getProperty("alidade.data")).resolve(sub)
                .toAbsolutePath();
    }

    static Path dataFolder(String frameworkProperty) {
        for (String candidate : new String[] {frameworkProperty, System.getProperty("alidade.data")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Path.of(candidate);
            }
        }
        String karafData = System.getProperty("karaf.data");
        return karafData == null || karafData.isBlank() ? Path.of("data") : Path.of(karafData, "alidade");
    }
}
