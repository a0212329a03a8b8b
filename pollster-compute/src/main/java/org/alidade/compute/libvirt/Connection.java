package org.alidade.compute.libvirt;

import com.sun.jna.Pointer;
import org.alidade.compute.inspector.InspectorException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * One open libvirt connection. It is opened and closed by the Java binding's {@link Connect};
 * the statistics calls go through {@link LibvirtNative} on its {@code virConnectPtr}.
 */
final class Connection implements ConnectionKeeper.Conn {

    private final String uri;
    private final BindingConnect connect;

    private Connection(String uri, BindingConnect connect) {
        this.uri = uri;
        this.connect = connect;
    }

    /**
     * Opens {@code uri}; read-only unless {@code readOnly} is false (tests that change the domains
     * of the in-process test driver need that; the agent never does).
     */
    static Connection open(String uri, boolean readOnly) throws InspectorException {
        LibvirtLibrary.ensureLoaded();
        try {
            Connection c = new Connection(uri, new BindingConnect(uri, readOnly));
            NativeHeap.trim();
            return c;
        } catch (LibvirtException e) {
            throw new InspectorException("cannot open libvirt connection " + uri + ": " + e.getMessage(), e);
        }
    }

    String uri() {
        return uri;
    }

    Pointer pointer() {
        return connect.pointer();
    }

    /** The binding's connection, for what it does well enough (lookups, tests). */
    Connect binding() {
        return connect;
    }

    /** Whether libvirt still considers the connection usable (a client-side check, no call to the daemon). */
    public boolean alive() {
        return LibvirtNative.virConnectIsAlive(pointer()) == 1;
    }

    @Override
    public void close() {
        try {
            connect.close();
        } catch (LibvirtException e) {
            // closing a dead connection fails; there is nothing left to release
        }
    }

    /** The binding's connection, with access to its {@code virConnectPtr}. */
    private static final class BindingConnect extends Connect {
        BindingConnect(String uri, boolean readOnly) throws LibvirtException {
            super(uri, readOnly);
        }

        Pointer pointer() {
            return vcp.getPointer();
        }
    }
}
