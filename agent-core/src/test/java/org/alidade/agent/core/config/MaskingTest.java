package org.alidade.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void hidesThePasswordOfAUrlButKeepsTheUserAndHost() {
        assertEquals("rabbit://guest:***@10.0.0.1:5672/", Masking.mask("rabbit://guest:secret@10.0.0.1:5672/"));
        assertEquals("snmp://admin:***@host:161,rabbit://u:***@h", Masking.mask("snmp://admin:pw@host:161,rabbit://u:p@h"));
        assertEquals("snmp://***@10.0.0.1", Masking.mask("snmp://public@10.0.0.1"), "a v2c community as user");
    }

    @Test
    void hidesSecretQueryParameters() {
        assertEquals("snmp://***@host?auth_key=***&priv_key=***&auth_protocol=sha", // the user part may be a community
                Masking.mask("snmp://v3user@host?auth_key=abc123&priv_key=xyz&auth_protocol=sha"));
        assertEquals("snmp://host?community=***", Masking.mask("snmp://host?community=public"));
        assertEquals("snmp://h?priv_password=***&auth_password=***",
                Masking.mask("snmp://h?priv_password=p1&auth_password=p2"));
    }

    @Test
    void leavesTextWithoutCredentialsAlone() {
        assertEquals("snmp://host:161", Masking.mask("snmp://host:161"));
        assertEquals("endpoint:image", Masking.mask("endpoint:image"));
        assertEquals("local_instances", Masking.mask("local_instances"));
    }
}
