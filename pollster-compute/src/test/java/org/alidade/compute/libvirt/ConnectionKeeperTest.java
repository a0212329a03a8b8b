package org.alidade.compute.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alidade.compute.inspector.InspectorException;
import org.junit.jupiter.api.Test;

/**
 * The reconnect logic (pure: the in-process test driver cannot lose its connection, so the
 * connections here are stand-ins that die and fail on command).
 */
class ConnectionKeeperTest {

    static final LibvirtError RPC_DOWN = new LibvirtError(LibvirtError.ERR_SYSTEM_ERROR, LibvirtError.FROM_RPC,
            "Cannot recv data: Connection reset by peer");
    static final LibvirtError NO_DOMAIN = new LibvirtError(LibvirtError.ERR_NO_DOMAIN, 12, "Domain not found");

    static final class FakeConn implements ConnectionKeeper.Conn {
        boolean alive = true;
        boolean closed;

        @Override
        public boolean alive() {
            return alive;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final List<FakeConn> opened = new ArrayList<>();
    final List<Duration> waits = new ArrayList<>();
    int failOpens;

    ConnectionKeeper keeper() {
        return new ConnectionKeeper("qemu:///system", uri -> {
            if (failOpens > 0) {
                failOpens--;
                throw new InspectorException("cannot open libvirt connection " + uri + ": Failed to connect socket");
            }
            FakeConn c = new FakeConn();
            opened.add(c);
            return c;
        }, ReconnectPolicy.DEFAULT, waits::add);
    }

    @Test
    void reopensAConnectionThatIsNoLongerAlive() throws Exception {
        ConnectionKeeper k = keeper();
        ConnectionKeeper.Conn first = k.connection();
        assertSame(first, k.connection(), "a live connection is kept");
        opened.get(0).alive = false; // libvirtd restarted
        ConnectionKeeper.Conn second = k.connection();
        assertEquals(2, opened.size());
        assertTrue(opened.get(0).closed);
        assertSame(opened.get(1), second);
        assertEquals(2, k.generation(), "the inspector drops its domain pointers on a new generation");
    }

    @Test
    void retriesADisconnectionOnAFreshConnectionWithBackoff() throws Exception {
        ConnectionKeeper k = keeper();
        int[] calls = {0};
        String result = k.<FakeConn, String>call(c -> {
            if (++calls[0] < 3) {
                throw RPC_DOWN.toException("virConnectGetAllDomainStats");
            }
            return "ok on " + opened.indexOf(c);
        });
        assertEquals("ok on 2", result, "third attempt, third connection");
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), waits);
        assertTrue(opened.get(0).closed && opened.get(1).closed);
    }

    @Test
    void givesUpAfterThreeAttempts() {
        ConnectionKeeper k = keeper();
        InspectorException e = assertThrows(InspectorException.class,
                () -> k.<FakeConn, String>call(c -> { throw RPC_DOWN.toException("virDomainGetInfo(x)"); }));
        assertTrue(e.getMessage().contains("Connection reset by peer"), e.getMessage());
        assertEquals(3, opened.size());
        assertEquals(2, waits.size());
    }

    @Test
    void doesNotRetryTheCallsOwnErrors() {
        ConnectionKeeper k = keeper();
        assertThrows(org.alidade.compute.inspector.InstanceGoneException.class,
                () -> k.<FakeConn, String>call(c -> { throw NO_DOMAIN.toException("virDomainGetInfo(x)"); }));
        assertEquals(1, opened.size());
        assertEquals(List.of(), waits);
    }

    @Test
    void aFailedOpenIsTriedAgainNextTimeAndRecovers() throws Exception {
        ConnectionKeeper k = keeper();
        failOpens = 2;
        assertThrows(InspectorException.class, k::connection);
        assertThrows(InspectorException.class, k::connection);
        ConnectionKeeper.Conn c = k.connection();
        assertSame(opened.get(0), c);
        assertEquals(List.of(), waits, "opening is retried once per cycle, never waited for");
    }

    @Test
    void backoffDoublesUpToItsLimit() {
        ReconnectPolicy p = new ReconnectPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertEquals(List.of(1L, 2L, 4L, 5L, 5L), List.of(p.delayAfter(1), p.delayAfter(2), p.delayAfter(3),
                p.delayAfter(4), p.delayAfter(5)).stream().map(Duration::toSeconds).toList());
        assertTrue(p.retry(new LibvirtError(LibvirtError.ERR_INTERNAL_ERROR, LibvirtError.FROM_REMOTE, "x"), 1));
        assertTrue(!p.retry(new LibvirtError(LibvirtError.ERR_INTERNAL_ERROR, 12, "x"), 1), "not from the RPC layer");
    }
}
