package org.alidade.compute.libvirt;

import java.time.Duration;
import org.alidade.compute.inspector.InspectorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the libvirt connection: opens it when first needed, reopens it when libvirt says it is no
 * longer alive (libvirtd restarted), and retries a call that failed because the connection broke
 * ({@link ReconnectPolicy}). A failure to connect is logged once at error level with the reason;
 * while it lasts the same reason is logged at debug level only, and the recovery at info level.
 */
final class ConnectionKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionKeeper.class);

    /** Opens a connection (the real one: {@link Connection#open}). */
    interface Opener<C> {
        C open(String uri) throws InspectorException;
    }

    /** What the keeper needs of a connection. */
    interface Conn extends AutoCloseable {
        boolean alive();

        @Override
        void close();
    }

    /** A call on a connection. */
    interface Call<C, T> {
        T run(C connection) throws InspectorException;
    }

    /** Waits between attempts (a test passes one that records instead of sleeping). */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final String uri;
    private final Opener<? extends Conn> opener;
    private final ReconnectPolicy policy;
    private final Sleeper sleeper;
    private Conn current;
    private String lastFailure;
    private long generation;

    ConnectionKeeper(String uri, Opener<? extends Conn> opener, ReconnectPolicy policy, Sleeper sleeper) {
        this.uri = uri;
        this.opener = opener;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /** Counts the connections opened: a change tells the inspector to drop what it holds of the old one. */
    synchronized long generation() {
        return generation;
    }

    /**
     * Runs {@code call} on a live connection, reconnecting and retrying as the policy says.
     *
     * @throws InspectorException the call's own error, or why no connection could be had
     */
    <C extends Conn, T> T call(Call<C, T> call) throws InspectorException {
        for (int attempt = 1; ; attempt++) {
            @SuppressWarnings("unchecked")
            C c = (C) connection();
            try {
                return call.run(c);
            } catch (LibvirtError.LibvirtCallException e) {
                if (!policy.retry(e.error(), attempt)) {
                    throw e;
                }
                Duration wait = policy.delayAfter(attempt);
                LOG.warn("libvirt connection {} lost ({}); reconnecting in {} ms (attempt {} of {})", uri,
                        e.getMessage(), wait.toMillis(), attempt + 1, policy.attempts());
                drop(c);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InspectorException("interrupted while reconnecting to " + uri, ie);
                }
            }
        }
    }

    /** Whether {@code uri} names this host's libvirtd and its sockets are missing: libvirt is not installed or not running. */
    static boolean localDaemonAbsent(String uri) {
        if (uri == null || !uri.matches("[a-z+]+:///(system|session).*")) {
            return false;
        }
        for (String sock : new String[] {"/run/libvirt/libvirt-sock", "/run/libvirt/libvirt-sock-ro",
                "/var/run/libvirt/libvirt-sock", "/var/run/libvirt/libvirt-sock-ro",
                "/run/libvirt/virtqemud-sock", "/run/libvirt/virtqemud-sock-ro"}) {
            if (java.nio.file.Files.exists(java.nio.file.Path.of(sock))) {
                return false;
            }
        }
        return true;
    }

    /** The live connection, opened or reopened if need be. */
    synchronized Conn connection() throws InspectorException {
        if (current != null && !current.alive()) {
            LOG.warn("libvirt connection {} is no longer alive (libvirtd restarted?): reconnecting", uri);
            current.close();
            current = null;
        }
        if (current == null) {
            try {
                current = opener.open(uri);
            } catch (InspectorException e) {
                if (!e.getMessage().equals(lastFailure)) {
                    if (localDaemonAbsent(uri)) {
                        // a host without libvirt (the agent's default configuration on any machine): not a fault
                        LOG.warn("libvirt does not run on this host ({}): no instances to poll until it does",
                                uri);
                    } else {
                        LOG.error("{} — the compute pollsters get nothing until it opens; retrying every cycle",
                                e.getMessage());
                    }
                    lastFailure = e.getMessage();
                } else {
                    LOG.debug("still no libvirt connection: {}", e.getMessage());
                }
                throw e;
            }
            generation++;
            if (lastFailure != null) {
                LOG.info("libvirt connection {} open again", uri);
                lastFailure = null;
            } else {
                LOG.info("libvirt connection {} open (read-only)", uri);
            }
        }
        return current;
    }

    private synchronized void drop(Conn c) {
        if (current == c) {
            current.close();
            current = null;
        }
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
