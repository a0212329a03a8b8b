package org.alidade.compute.libvirt;

import com.sun.jna.Pointer;
import org.alidade.compute.inspector.InspectorException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;

/**
 * Loads the libvirt client library once, both through the Java binding and the direct JNA
 * mapping, and silences libvirt's default error printer (every error would otherwise go to
 * stderr as {@code libvirt: Domain Config error : …}); errors reach the agent's log through the
 * inspector instead, once and with context.
 */
final class LibvirtLibrary {

    /** Debian's package name of the client library: what the message tells the operator to install. */
    static final String PACKAGE = "libvirt0";

    private static final Object LOCK = new Object();
    private static volatile String failure;
    private static volatile boolean loaded;
    // a strong reference: libvirt keeps the native callback pointer for the process's life
    private static final Libvirt.VirErrorCallback QUIET = new Quiet();

    private LibvirtLibrary() {
    }

    /** Makes sure the library is loaded; throws a message naming the package when it cannot be. */
    static void ensureLoaded() throws InspectorException {
        if (loaded) {
            return;
        }
        synchronized (LOCK) {
            if (loaded) {
                return;
            }
            if (failure == null) {
                try {
                    if (LibvirtNative.virInitialize() < 0) {
                        throw new InspectorException("libvirt's virInitialize failed");
                    }
                    Connect.setErrorCallback(QUIET);
                    loaded = true;
                    return;
                } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
                    failure = "the libvirt client library cannot be loaded (install the Debian package " + PACKAGE
                            + "): " + e.getMessage();
                } catch (LibvirtException e) {
                    failure = "libvirt refused its error handler: " + e.getMessage();
                }
            }
            throw new InspectorException(failure);
        }
    }

    /** Drops libvirt's report: the caller reads the error with {@code virGetLastError} and logs it. */
    public static final class Quiet implements Libvirt.VirErrorCallback {
        @Override
        public void errorCallback(Pointer userData, virError error) {
            // nothing: see the class comment
        }
    }
}
