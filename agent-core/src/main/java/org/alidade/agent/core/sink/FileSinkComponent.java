package org.alidade.agent.core.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.alidade.agent.core.polling.SigningMessageFactory;
import org.alidade.api.DataFolders;
import org.alidade.api.SampleSink;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link JsonLinesFileSink} as a {@link SampleSink} while PID
 * {@code org.alidade.publisher} has {@code file_sink} on (the default), in the folder it names.
 */
@Component(immediate = true, configurationPid = SigningMessageFactory.PID)
public final class FileSinkComponent {

    private static final Logger LOG = LoggerFactory.getLogger(FileSinkComponent.class);

    private final BundleContext context;
    private JsonLinesFileSink sink;
    private ServiceRegistration<SampleSink> registration;

    @Activate
    public FileSinkComponent(BundleContext context, SigningMessageFactory.Config config) {
        this.context = context;
        configure(config);
    }

    @Modified
    synchronized void configure(SigningMessageFactory.Config config) {
        stop();
        if (!config.file__sink()) {
            LOG.info("file sink off");
            return;
        }
        Path dir = DataFolders.resolve(config.file__sink__dir(), context, "samples");
        try {
            sink = new JsonLinesFileSink(dir, Math.max(1, config.file__sink__max__mb()) * 1024L * 1024L,
                    config.file__sink__keep());
        } catch (IOException e) {
            LOG.error("file sink: cannot write in {}: {} — samples are not written to a file", dir, e.toString());
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SampleSink.NAME, "file");
        registration = context.registerService(SampleSink.class, sink, props);
        LOG.info("file sink writing to {}", sink.file());
    }

    @Deactivate
    synchronized void stop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and did it for us
            }
            registration = null;
        }
        if (sink != null) {
            try {
                sink.close();
            } catch (IOException e) {
                LOG.warn("file sink: closing {} failed: {}", sink.file(), e.toString());
            }
            sink = null;
        }
    }
}
