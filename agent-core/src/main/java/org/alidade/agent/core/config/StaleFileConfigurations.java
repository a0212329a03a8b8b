package org.alidade.agent.core.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, deletes the Alidade configurations that FileInstall once read from a {@code .cfg}
 * file which is gone now. FileInstall notices a deleted file only while it runs (its memory of
 * the files lives in the framework cache, which the agent cleans at every start), so a source
 * file removed while the agent was stopped would otherwise stay in force for ever.
 */
@Component(immediate = true)
public final class StaleFileConfigurations {

    private static final Logger LOG = LoggerFactory.getLogger(StaleFileConfigurations.class);
    private static final String FILE_KEY = "felix.fileinstall.filename";

    @Activate
    public StaleFileConfigurations(@Reference ConfigurationAdmin configAdmin) throws IOException {
        Configuration[] all;
        try {
            all = configAdmin.listConfigurations("(&(service.pid=org.alidade.*)(" + FILE_KEY + "=*))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (all == null) {
            return;
        }
        for (Configuration c : all) {
            Path file = file(String.valueOf(c.getProperties().get(FILE_KEY)));
            if (file != null && !Files.exists(file)) {
                LOG.info("configuration {} came from {}, which is gone: deleted", c.getPid(), file);
                c.delete();
            }
        }
    }

    private static Path file(String name) {
        try {
            return name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
