package org.alidade.publisher.amqp.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.alidade.publisher.amqp.link.TransportUrl.Host;
import org.junit.jupiter.api.Test;

class TransportUrlTest {

    @Test
    void parsesOslosFailoverFormWithPerHostCredentials() {
        TransportUrl u = TransportUrl.parse("rabbit://alice:s%40cret@mq1:5672,bob:pw2@mq2:5673,mq3/telemetry");
        assertEquals(List.of(new Host("mq1", 5672, "alice", "s@cret"), new Host("mq2", 5673, "bob", "pw2"),
                new Host("mq3", 5672, "alice", "s@cret")), u.hosts());
        assertEquals("telemetry", u.virtualHost());
        assertFalse(u.tls());
    }

    @Test
    void emptyOrEscapedVhostAndDefaults() {
        assertEquals("/", TransportUrl.parse("rabbit://h/").virtualHost());
        assertEquals("/", TransportUrl.parse("rabbit://h").virtualHost());
        assertEquals("/", TransportUrl.parse("rabbit://u:p@h:1/%2F").virtualHost());
        Host h = TransportUrl.parse("rabbit://h").hosts().get(0);
        assertEquals(new Host("h", 5672, "guest", "guest"), h);
        assertEquals(5671, TransportUrl.parse("amqps://u:p@h/").hosts().get(0).port());
        assertEquals(new Host("::1", 5672, "u", "p"), TransportUrl.parse("rabbit://u:p@[::1]:5672/").hosts().get(0));
    }

    @Test
    void tlsFromSchemeOrQuery() {
        assertTrue(TransportUrl.parse("amqps://h/").tls());
        assertTrue(TransportUrl.parse("rabbit://h/v?ssl=1").tls());
        assertEquals("v", TransportUrl.parse("rabbit://h/v?ssl=true").virtualHost());
    }

    @Test
    void passwordPropertyReplacesTheUrlsAndIsNeverShown() {
        TransportUrl u = TransportUrl.parse("rabbit://alice:old@mq1,bob:other@mq2/v").withPassword("n3w");
        assertEquals(List.of("n3w", "n3w"), u.hosts().stream().map(Host::password).toList());
        assertEquals("rabbit://alice:***@mq1:5672,bob:***@mq2:5672/v", u.toString());
        assertFalse(u.toString().contains("n3w"));
    }

    @Test
    void rejectsWhatIsNoTransportUrlWithoutEchoingSecrets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransportUrl.parse("kafka://u:topsecret@h/"));
        assertFalse(e.getMessage().contains("topsecret"));
        assertThrows(IllegalArgumentException.class, () -> TransportUrl.parse("rabbit://u:p@h:notaport/"));
        assertThrows(IllegalArgumentException.class, () -> TransportUrl.parse(" "));
    }

    @Test
    void backoffIsLinearAndCapped() {
        LinkSettings s = new LinkSettings(TransportUrl.parse("rabbit://h"), null, java.time.Duration.ofSeconds(60),
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30), 10);
        assertEquals(1, s.backoff(1).toSeconds());
        assertEquals(3, s.backoff(2).toSeconds());
        assertEquals(30, s.backoff(100).toSeconds());
    }
}
