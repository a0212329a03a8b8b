package org.alidade.coordination.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupNamesTest {

    @Test
    void prefixIsTheSortedNamespacesThenTheConfiguredPrefixAsUpstream() {
        assertEquals("central-compute", GroupNames.prefix(List.of("compute", "central"), ""));
        assertEquals("central", GroupNames.prefix(List.of("central"), null));
        assertEquals("central-foo", GroupNames.prefix(List.of("central"), "foo"));
        assertEquals("central-hardware-foo", GroupNames.prefix(List.of("hardware", " central", "central"), " foo "));
        assertEquals("any", GroupNames.prefix(List.of(), ""));
    }

    @Test
    void groupsArePrefixed() {
        assertEquals("central-compute-global", GroupNames.zkGroup("central-compute", "global"));
        assertEquals("central-static-0123456789abcdef", GroupNames.zkGroup("central", "static-0123456789abcdef"));
    }

    @Test
    void onlyLocalIsNeverShared() {
        assertTrue(GroupNames.isLocal("local"));
        assertFalse(GroupNames.isLocal("global"));
        assertFalse(GroupNames.isLocal("compute-1"));
    }

    @Test
    void namesBecomeOneZooKeeperPathSegment() {
        assertEquals("a%2Fb%25c", GroupNames.segment("a/b%c"));
        assertEquals("%2E%2E", GroupNames.segment(".."));
        assertEquals("host.example.org", GroupNames.segment("host.example.org"));
    }
}
