package org.alidade.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleTest {

    private static Sample.Builder base() {
        return Sample.builder().name("cpu").type(SampleType.CUMULATIVE).unit("ns").resourceId("r");
    }

    @Test
    void keepsTheJsonTypeOfEveryValue() {
        Map<String, Object> md = new HashMap<>();
        md.put("i", 2048);
        md.put("l", 1L << 40);
        md.put("d", 3.0);
        md.put("s", "3");
        md.put("n", null);
        md.put("b", true);
        md.put("big", BigInteger.TEN.pow(30));
        md.put("list", List.of("a", 1.5));
        Sample s = base().volume(7L).resourceMetadata(md).build();
        assertInstanceOf(Long.class, s.volume());
        assertInstanceOf(Integer.class, s.resourceMetadata().get("i"));
        assertInstanceOf(Double.class, s.resourceMetadata().get("d"));
        assertInstanceOf(String.class, s.resourceMetadata().get("s"));
        assertTrue(s.resourceMetadata().containsKey("n"), "null is kept, not dropped");
        assertEquals(List.of("a", 1.5), s.resourceMetadata().get("list"));
    }

    @Test
    void isImmutableEvenWhenTheCallerChangesItsMapLater() {
        Map<String, Object> md = new HashMap<>(Map.of("k", "v"));
        List<Object> tags = new ArrayList<>(List.of("a"));
        md.put("tags", tags);
        Sample s = base().volume(1).resourceMetadata(md).build();
        md.put("k", "changed");
        tags.add("b");
        assertEquals("v", s.resourceMetadata().get("k"));
        assertEquals(List.of("a"), s.resourceMetadata().get("tags"));
        assertThrows(UnsupportedOperationException.class, () -> s.resourceMetadata().put("x", 1));
    }

    @Test
    void sharesAResourcesMetadataWithoutCopyingIt() {
        Resource r = Resource.of("inst-1", Map.of("flavor", Map.of("vcpus", 2), "name", "web"));
        Sample a = base().volume(1).resourceMetadata(r.metadata()).build();
        Sample b = base().volume(2).resourceMetadata(r.metadata()).build();
        assertSame(r.metadata(), a.resourceMetadata());
        assertSame(a.resourceMetadata(), b.resourceMetadata());
    }

    @Test
    void metadataOfManyResourcesWithTheSameKeysKeepsEachOnesValuesAndOrder() {
        // frozen maps with equal key sequences share one key array: their values and the order of
        // maps whose keys differ only in order must stay their own
        List<Map<String, Object>> maps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> md = new java.util.LinkedHashMap<>();
            md.put("name", "vm-" + i);
            md.put("vcpus", i);
            maps.add(Metadata.of(md));
        }
        Map<String, Object> reversed = new java.util.LinkedHashMap<>();
        reversed.put("vcpus", 9);
        reversed.put("name", "other");
        Map<String, Object> other = Metadata.of(reversed);
        for (int i = 0; i < 3; i++) {
            assertEquals(Map.of("name", "vm-" + i, "vcpus", i), maps.get(i));
            assertEquals(List.of("name", "vcpus"), List.copyOf(maps.get(i).keySet()));
        }
        assertEquals(List.of("vcpus", "name"), List.copyOf(other.keySet()));
        assertEquals("other", other.get("name"));
        assertEquals(9, other.get("vcpus"));
    }

    @Test
    void namesTheFieldWithoutAJsonType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base().volume(1).resourceMetadata(Map.of("disk", Map.of("size", 1.5f))).build());
        assertTrue(e.getMessage().contains("resource metadata of cpu.disk.size"), e.getMessage());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> base().volume(new Object()).build());
        assertTrue(v.getMessage().contains("volume of cpu"), v.getMessage());
    }
}
