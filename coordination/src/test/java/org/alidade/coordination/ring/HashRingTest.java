package org.alidade.coordination.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashRingTest {

    private static List<String> keys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(i % 2 == 0 ? "snmp://10.0." + (i / 256) + "." + (i % 256) : "instance-" + i);
        }
        return keys;
    }

    @Test
    void ownersAreAPureFunctionOfMembersAndKey() {
        HashRing a = HashRing.of(List.of("agent-a", "agent-b", "agent-c"));
        HashRing b = HashRing.of(List.of("agent-c", "agent-a", "agent-b", "agent-a"));
        assertEquals(a, b);
        for (String k : keys(2000)) {
            assertEquals(a.owner(k), b.owner(k), k);
        }
    }

    /**
     * Agents of different versions must agree: these owners must never change. Computed by an
     * independent implementation of the documented rule (Python: hashlib.md5, bisect_left).
     */
    @Test
    void knownVectorsStayTheSame() {
        HashRing ring = HashRing.of(List.of("host-1-0a0b0c0d", "host-2-01020304", "host-3-ffeeddcc"));
        Map<String, String> expected = Map.of(
                "snmp://10.0.0.1", "host-3-ffeeddcc",
                "http://keystone:5000/v3", "host-1-0a0b0c0d",
                "dynamic.foo", "host-1-0a0b0c0d",
                "6f1e9a2c-6b43-4a5e-9d3e-0c2b1f8a7e11", "host-2-01020304",
                "<NovaLikeServer: web-1>", "host-3-ffeeddcc");
        expected.forEach((key, owner) -> assertEquals(owner, ring.owner(key), key));
    }

    @Test
    void oneMemberOwnsEverything() {
        HashRing ring = HashRing.of(List.of("only"));
        keys(500).forEach(k -> assertEquals("only", ring.owner(k)));
        assertEquals(1.0, ring.share("only"), 1e-12);
    }

    @Test
    void aRingWithoutMembersOwnsNothing() {
        HashRing ring = HashRing.of(List.of());
        assertTrue(ring.isEmpty());
        assertThrows(IllegalStateException.class, () -> ring.owner("x"));
        assertEquals(false, ring.owns("a", "x"));
        assertEquals(0.0, ring.share("a"));
    }

    @Test
    void addingAMemberMovesKeysOnlyToIt() {
        HashRing three = HashRing.of(List.of("a", "b", "c"));
        HashRing four = HashRing.of(List.of("a", "b", "c", "d"));
        int moved = 0;
        List<String> keys = keys(2000);
        for (String k : keys) {
            if (!three.owner(k).equals(four.owner(k))) {
                assertEquals("d", four.owner(k), k);
                moved++;
            }
        }
        System.out.printf("ring: adding a 4th member moved %d of %d keys (%.1f%%; ideal 25%%)%n", moved, keys.size(),
                100.0 * moved / keys.size());
        assertTrue(moved > 0);
    }

    @Test
    void removingAMemberMovesOnlyItsKeys() {
        HashRing three = HashRing.of(List.of("a", "b", "c"));
        HashRing two = HashRing.of(List.of("a", "b"));
        for (String k : keys(2000)) {
            if (!three.owner(k).equals("c")) {
                assertEquals(three.owner(k), two.owner(k), k);
            }
        }
    }

    @Test
    void sharesAddUpToTheWholeRing() {
        HashRing ring = HashRing.of(List.of("a", "b", "c", "d", "e"));
        double sum = 0;
        for (String m : ring.members()) {
            sum += ring.share(m);
        }
        assertEquals(1.0, sum, 1e-9);
        assertEquals(0.0, ring.share("stranger"));
    }

    @Test
    void theSplitIsRoughlyEven() {
        List<String> keys = keys(2000);
        for (int n = 2; n <= 8; n++) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                members.add("host-" + i + "-" + Integer.toHexString(0x1000 * (i + 7)));
            }
            HashRing ring = HashRing.of(members);
            Map<String, Integer> counts = new HashMap<>();
            keys.forEach(k -> counts.merge(ring.owner(k), 1, Integer::sum));
            int min = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            double ideal = keys.size() / (double) n;
            System.out.printf("ring: %d members, %d keys: min %d max %d (ideal %.0f, max deviation %.1f%%); "
                    + "ring shares %s%n", n, keys.size(), min, max, ideal,
                    100 * Math.max(max - ideal, ideal - min) / ideal, shares(ring));
            assertEquals(Set.copyOf(members), counts.keySet(), "every member owns some keys");
            // a loose property, not a benchmark: nobody gets twice nor half its fair share
            assertTrue(max < 2 * ideal && min > ideal / 2, counts.toString());
        }
    }

    private static String shares(HashRing ring) {
        List<String> s = new ArrayList<>();
        ring.members().forEach(m -> s.add(String.format("%.3f", ring.share(m))));
        return s.toString();
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> HashRing.of(List.of("a"), 0));
        assertThrows(NullPointerException.class, () -> HashRing.of(java.util.Arrays.asList("a", null)));
    }
}
