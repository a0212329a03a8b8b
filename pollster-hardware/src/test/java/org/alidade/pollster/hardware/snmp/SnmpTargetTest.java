package org.alidade.pollster.hardware.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnmpTargetTest {

    @Test
    void v2cCommunityIsTheUserName() {
        SnmpTarget t = SnmpTarget.parse("snmp://s3cret@10.0.0.5");
        assertEquals("s3cret", t.community());
        assertNull(t.usm());
        assertEquals("10.0.0.5", t.hostId());
        assertEquals("snmp://10.0.0.5", t.safeUrl());
        assertFalse(t.toString().contains("s3cret"));
    }

    @Test
    void v3WithUpstreamParameters() {
        SnmpTarget t = SnmpTarget.parse("snmp://ro:authpass1@host.example:1161?auth_proto=sha&priv_proto=aes256&priv_password=privpass1");
        assertEquals(new UsmCredentials("ro", "sha", "authpass1", "aes256", "privpass1"), t.usm());
        assertEquals("host.example:1161", t.hostId());
        assertFalse(t.toString().contains("authpass1") || t.toString().contains("privpass1"), t.toString());
    }

    @Test
    void pysnmpDefaultsWhenProtocolsAreLeftOut() {
        SnmpTarget t = SnmpTarget.parse("snmp://ro:authpass1@h?priv_password=privpass1");
        assertEquals("md5", t.usm().authProtocol());
        assertEquals("des", t.usm().privProtocol());
        assertTrue(SnmpTarget.parse("snmp://h").usm() == null && !SnmpTarget.parse("snmp://h").hasCredentials());
    }

    @Test
    void badUrlsAreRejectedWithoutRepeatingCredentials() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnmpTarget.parse("snmp://ro:topsecret1@h?auth_proto=rot13"));
        assertTrue(e.getMessage().contains("unknown auth_proto 'rot13'"), e.getMessage());
        assertFalse(e.getMessage().contains("topsecret1"));
        e = assertThrows(IllegalArgumentException.class, () -> SnmpTarget.parse("snmp://ro:topsecret1@h?community=x"));
        assertFalse(e.getMessage().contains("topsecret1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SnmpTarget.parse("snmp://ro:short@h"));
        assertTrue(e.getMessage().contains("shorter than 8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SnmpTarget.parse("http://h"));
    }
}
