package org.alidade.agent.core.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void hidesThePasswordOfAUrlButKeepsTheUserAndHost() {
        assertEquals("rabbit://guest:***@10.0.0.1:5672/", Masking.mask("rabbit://guest:secret@10.0.0.1:5672/"));
        assertEquals("snmp://admin:***@host:161,rabbit://u:***@h", Masking.mask("snmp://admin:pw@host:161,rabbit://u:p@h"));
    }

    @Test
    void hidesSecretQueryParameters() {
        assertEquals("snmp://v3user@host?auth_key=***&priv_key=***&auth_protocol=sha",
                Masking.mask("snmp://v3user@host?auth_key=abc123&priv_key=xyz&auth_protocol=sha"));
        assertEquals("snmp://host?community=***", Masking.mask("snmp://host?community=public"));
    }

    @Test
    void leavesTextWithoutCredentialsAlone() {
        assertEquals("snmp://host:161", Masking.mask("snmp://host:161"));
        assertEquals("endpoint:image", Masking.mask("endpoint:image"));
        assertEquals("local_instances", Masking.mask("local_instances"));
    }
}
