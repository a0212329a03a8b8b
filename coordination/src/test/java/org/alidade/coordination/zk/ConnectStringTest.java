package org.alidade.coordination.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectStringTest {

    @Test
    void readsSeveralHostsAndAChroot() {
        ConnectString c = ConnectString.parse(" zk1:2181,zk2:2182, zk3/alidade/central ");
        assertEquals(List.of("zk1:2181", "zk2:2182", "zk3:2181"), c.hosts());
        assertEquals("/alidade/central", c.chroot());
        assertEquals("zk1:2181,zk2:2182,zk3:2181/alidade/central", c.value());
    }

    @Test
    void acceptsToozUrlsAndIpv6() {
        ConnectString c = ConnectString.parse("zookeeper://[::1]:2181,127.0.0.1");
        assertEquals(List.of("[::1]:2181", "127.0.0.1:2181"), c.hosts());
        assertEquals("", c.chroot());
        assertEquals("", ConnectString.parse("zk1:2181/").chroot());
    }

    @Test
    void rejectsBadChrootsSayingWhy() {
        assertMessage("zk1:2181/alidade/", "bad chroot '/alidade/': must not end with /");
        assertMessage("zk1:2181/a//b", "bad chroot '/a//b': has an empty segment (//)");
        assertMessage("zk1:2181/a/../b", "relative segments");
        assertMessage("zk1:2181/zookeeper/x", "/zookeeper is ZooKeeper's own tree");
        assertMessage("zk1:2181/a\u0001b", "U+0001");
    }

    @Test
    void rejectsBadHostsAndPortsSayingWhy() {
        assertMessage("", "backend_url is empty");
        assertMessage("zk1:2181,,zk2", "a host is empty");
        assertMessage("zk1:http", "bad port 'http' in 'zk1:http'");
        assertMessage("zk1:70000", "bad port '70000'");
        assertMessage("::1:2181", "must be written in brackets");
        assertMessage("[::1:2181", "lacks its closing ]");
        assertMessage("redis://localhost:6379", "only ZooKeeper is supported");
        assertMessage("user@zk1:2181", "bad host 'user@zk1:2181'");
    }

    @Test
    void probeSaysWhyAHostCannotBeReached() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String text = ConnectString.parse("127.0.0.1:" + port).probe(500);
        assertEquals("127.0.0.1:" + port + " connection refused", text);
        try (ServerSocket s = new ServerSocket(0)) {
            String open = ConnectString.parse("127.0.0.1:" + s.getLocalPort()).probe(500);
            assertTrue(open.contains("accepts connections"), open);
        }
    }

    private static void assertMessage(String url, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectString.parse(url));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
