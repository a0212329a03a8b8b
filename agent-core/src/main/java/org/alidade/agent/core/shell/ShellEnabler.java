package org.alidade.agent.core.shell;

import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.BundleRevision;
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

    @Activate
    public ShellEnabler(ComponentContext context) {
        BundleWiring wiring = context.getBundleContext().getBundle().adapt(BundleWiring.class);
        boolean gogo = wiring != null && wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE).stream()
                .map(BundleWire::getCapability)
                .anyMatch(c -> GOGO_API.equals(c.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)));
        if (gogo) {
            context.enableComponent(ShellCommands.class.getName());
        } else {
            LOG.info("no Gogo shell in this framework: the alidade:* commands are not registered");
        }
    }
}
