package org.alidade.agent.core.shell;

import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enables {@link ShellCommands} only when the bundle is wired to Gogo's command API (its import
 * is optional): in a framework without a shell the engine runs and no error is logged.
 */
@Component(immediate = true)
public final class ShellEnabler {

    private static final Logger LOG = LoggerFactory.getLogger(ShellEnabler.class);
    private static final String GOGO_API = "org.apache.felix.service.command";
    /** Exported by Karaf's shell bundle, which is also the one that exports Gogo's API there. */
    private static final String KARAF_ACTION_API = "org.apache.karaf.shell.api.action";

    @Activate
    public ShellEnabler(ComponentContext context) {
        Bundle bundle = context.getBundleContext().getBundle();
        if (gogoWire(bundle).isEmpty()) {
            LOG.info("no Gogo shell in this framework: the alidade:* commands are not registered");
            return;
        }
        context.enableComponent(ShellCommands.class.getName());
        if (karafShell(bundle)) {
            LOG.info("Karaf's shell: the alidade:* commands of this bundle are Karaf commands of bundle "
                    + "org.alidade.karaf.shell (feature alidade-core), which completes source and meter names");
        }
    }

    /**
     * Whether the Gogo this bundle is wired to is Karaf's shell. There the commands are Karaf
     * commands of {@code org.alidade.karaf.shell}, which call the same {@code Function} services.
     * Registered as Gogo commands too, each name would exist twice: Karaf lists both, completes
     * with one, runs one, and when either goes away (a bundle stops) Gogo forgets the name, so the
     * one left is listed but "Command not found".
     */
    static boolean karafShell(Bundle bundle) {
        return gogoWire(bundle).map(BundleWire::getProviderWiring)
                .map(provider -> provider.getCapabilities(BundleRevision.PACKAGE_NAMESPACE).stream()
                        .map(c -> c.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE))
                        .anyMatch(KARAF_ACTION_API::equals))
                .orElse(false);
    }

    private static Optional<BundleWire> gogoWire(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return Optional.empty();
        }
        return wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE).stream()
                .filter(w -> GOGO_API.equals(w.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)))
                .findFirst();
    }
}
