package org.alidade.compute.libvirt;

import java.time.Duration;
import org.alidade.compute.inspector.InspectorException;
import org.alidade.compute.testing.Nodes;
import org.libvirt.Connect;

/** Opens real libvirt inspectors on test-driver node files for tests of other packages. */
public final class TestInspectors {

    private TestInspectors() {
    }

    /** A read-only inspector, as the agent runs it (no waits between retries). */
    public static LibvirtInspector readOnly(String uri) {
        Nodes.requireLibvirt();
        return new LibvirtInspector(uri, true, new ReconnectPolicy(3, Duration.ZERO, Duration.ZERO));
    }

    /** A read-write inspector, so that a test can change the test driver's domains through {@link #binding}. */
    public static LibvirtInspector readWrite(String uri) {
        Nodes.requireLibvirt();
        return new LibvirtInspector(uri, false, new ReconnectPolicy(3, Duration.ZERO, Duration.ZERO));
    }

    /**
     * A read-only inspector that asks {@code virDomainBlockStatsFlags} for {@code n} parameters:
     * over libvirt's remote protocol more than 16 are refused ("nparams too large"), a real error of
     * that one per-disk call.
     */
    public static LibvirtInspector askingForBlockParams(String uri, int n) {
        Nodes.requireLibvirt();
        return new LibvirtInspector(uri, true, new ReconnectPolicy(3, Duration.ZERO, Duration.ZERO), n);
    }

    /** The inspector's own connection, through the Java binding. */
    public static Connect binding(LibvirtInspector inspector) throws InspectorException {
        return inspector.connection().binding();
    }
}
