package org.alidade.compute.libvirt;

import com.sun.jna.Pointer;
import org.alidade.compute.inspector.InspectorException;
import org.alidade.compute.inspector.InstanceGoneException;

/**
 * A {@code virDomainPtr} the inspector keeps between cycles (one reference taken with
 * {@code virDomainRef}). A pollster of one cycle may still use it while the next snapshot drops
 * it, so the native reference is released only when the last user is done: freeing it under a
 * running call would crash the JVM.
 */
final class DomainHandle {

    /** A call on the domain pointer. */
    interface DomainCall<T> {
        T run(Pointer domain) throws InspectorException;
    }

    private final String uuid;
    private final Pointer pointer;
    private final long connectionGeneration;
    private int users;
    private boolean released;
    private boolean freed;

    /** Takes a reference on {@code pointer} (owned by someone else, e.g. a statistics record). */
    DomainHandle(String uuid, Pointer pointer, long connectionGeneration) {
        this.uuid = uuid;
        this.pointer = pointer;
        this.connectionGeneration = connectionGeneration;
        LibvirtNative.virDomainRef(pointer);
    }

    String uuid() {
        return uuid;
    }

    long connectionGeneration() {
        return connectionGeneration;
    }

    <T> T use(DomainCall<T> call) throws InspectorException {
        synchronized (this) {
            if (released) {
                throw new InstanceGoneException("domain " + uuid + " is no longer on this host");
            }
            users++;
        }
        try {
            return call.run(pointer);
        } finally {
            synchronized (this) {
                users--;
                freeIfUnused();
            }
        }
    }

    /** Drops the inspector's reference; the native one goes when the last user returns. */
    synchronized void release() {
        released = true;
        freeIfUnused();
    }

    private void freeIfUnused() {
        if (released && users == 0 && !freed) {
            freed = true;
            LibvirtNative.virDomainFree(pointer);
        }
    }
}
