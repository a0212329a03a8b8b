package org.alidade.compute.libvirt;

import com.sun.jna.Pointer;
import org.alidade.compute.inspector.InspectorException;
import org.alidade.compute.inspector.InstanceGoneException;

/**
 * The calling thread's last libvirt error ({@code virError}: int code, int domain, char *message).
 *
 * @param code    {@code virErrorNumber}
 * @param domain  {@code virErrorDomain}
 * @param message libvirt's text, or a placeholder
 */
record LibvirtError(int code, int domain, String message) {

    static final int ERR_INTERNAL_ERROR = 1;
    static final int ERR_NO_SUPPORT = 3;
    static final int ERR_INVALID_DOMAIN = 7;
    static final int ERR_SYSTEM_ERROR = 38;
    static final int ERR_NO_DOMAIN = 42;
    static final int ERR_OPERATION_INVALID = 55;
    static final int ERR_ARGUMENT_UNSUPPORTED = 70;
    static final int FROM_RPC = 7;
    static final int FROM_REMOTE = 13;

    /** The last error of this thread, cleared. */
    static LibvirtError last() {
        Pointer e = LibvirtNative.virGetLastError();
        if (e == null) {
            return new LibvirtError(0, 0, "unknown libvirt error");
        }
        Pointer msg = e.getPointer(8);
        LibvirtError err = new LibvirtError(e.getInt(0), e.getInt(4), msg == null ? "no message" : msg.getString(0));
        LibvirtNative.virResetLastError();
        return err;
    }

    /** The domain is gone (undefined, or a transient one stopped). */
    boolean domainGone() {
        return code == ERR_NO_DOMAIN || code == ERR_INVALID_DOMAIN;
    }

    /** The driver does not implement the call. */
    boolean unsupported() {
        return code == ERR_NO_SUPPORT || code == ERR_ARGUMENT_UNSUPPORTED;
    }

    /** The connection to libvirtd broke (Ceilometer's {@code is_disconnection_exception}). */
    boolean disconnection() {
        return (code == ERR_SYSTEM_ERROR || code == ERR_INTERNAL_ERROR) && (domain == FROM_REMOTE || domain == FROM_RPC);
    }

    /** The exception the inspector API promises for this error of {@code call}. */
    InspectorException toException(String call) {
        String text = call + ": " + message + " (libvirt error " + code + ")";
        return domainGone() ? new InstanceGoneException(text) : new LibvirtCallException(text, this);
    }

    /** An inspector exception that keeps the libvirt error, so that the retry policy can read it. */
    static final class LibvirtCallException extends InspectorException {
        private static final long serialVersionUID = 1L;
        private final transient LibvirtError error;

        LibvirtCallException(String message, LibvirtError error) {
            super(message);
            this.error = error;
        }

        LibvirtError error() {
            return error;
        }
    }
}
