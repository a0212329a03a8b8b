package org.alidade.agent.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.alidade.api.Metadata;
import org.alidade.api.Sample;
import org.alidade.api.SampleType;
import org.junit.jupiter.api.Test;

/**
 * The texts kept with frozen metadata (signature pairs, JSON) are exactly what the same metadata
 * as a plain map gives, for metadata made with {@link Metadata#with} too: replaced keys, new keys
 * that sort before, between and after the old ones, nested maps, non-ASCII keys and values.
 */
class SharedMetadataTest {

    private static final Signer SIGNER = new Signer("secret");

    @Test
    void diskMetadataMadeWithWithSignsAndWritesAsThePlainMap() {
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("display_name", "vm-1");
        instance.put("flavor", Map.of("id", "m1.small", "vcpus", 2));
        instance.put("name", "instance-00000001");
        instance.put("image", null);
        Map<String, Object> frozen = Metadata.of(instance);
        Map<String, Object> disk = Metadata.with(frozen, Map.of("disk_name", "vda"));
        Map<String, Object> plain = new LinkedHashMap<>(instance);
        plain.put("disk_name", "vda");

        assertSame(frozen, Metadata.base(disk));
        assertEquals(plain, disk);
        assertEquals(List.copyOf(plain.keySet()), List.copyOf(disk.keySet()));
        assertSameTexts(plain, disk);
        assertSameTexts(instance, frozen);
        // a second time, from what is kept with the maps
        assertSameTexts(plain, disk);
    }

    @Test
    void replacedKeysKeepTheirPlaceAndNewOnesFollow() {
        Map<String, Object> base = Metadata.of(Map.of("name", "instance-1"));
        Map<String, Object> nic = Metadata.with(Metadata.of(ordered("a", 1, "name", "instance-1", "z", 2)),
                ordered("name", "tap0", "mac", "fa:16:3e:00:00:01", "parameters", Map.of(), "fref", null));
        assertEquals(List.of("a", "name", "z", "mac", "parameters", "fref"), List.copyOf(nic.keySet()));
        assertEquals("tap0", nic.get("name"));
        assertSameTexts(ordered("a", 1, "name", "tap0", "z", 2, "mac", "fa:16:3e:00:00:01", "parameters", Map.of(),
                "fref", null), nic);
        // with() of a with() map starts again from the first base
        Map<String, Object> twice = Metadata.with(Metadata.with(base, Map.of("x", 1)), Map.of("y", 2));
        assertSame(base, Metadata.base(twice));
        assertSameTexts(ordered("name", "instance-1", "x", 1, "y", 2), twice);
    }

    @Test
    void randomMetadataAndChangesGiveThePlainMapsTexts() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            Map<String, Object> base = randomMap(random, 2);
            Map<String, Object> changes = randomMap(random, 1);
            if (random.nextBoolean() && !base.isEmpty()) {
                // replace an existing key
                String key = new ArrayList<>(base.keySet()).get(random.nextInt(base.size()));
                changes.put(key, randomValue(random, 1));
            }
            Map<String, Object> plain = new LinkedHashMap<>(base);
            plain.putAll(changes);
            Map<String, Object> shared = Metadata.with(Metadata.of(base), changes);
            assertSameTexts(plain, shared);
        }
    }

    private static void assertSameTexts(Map<String, Object> plainMetadata, Map<String, Object> sharedMetadata) {
        Map<String, Object> plain = message(new LinkedHashMap<>(plainMetadata));
        Map<String, Object> shared = message(sharedMetadata);
        assertEquals(SIGNER.signature(plain), SIGNER.signature(shared), () -> "signature of " + plainMetadata);
        assertEquals(PythonJson.write(plain), PythonJson.write(shared), () -> "JSON of " + plainMetadata);
        Sample sample = Sample.builder().name("disk.device.read.bytes").type(SampleType.CUMULATIVE).unit("B")
                .volume(7L).resourceId("r").resourceMetadata(sharedMetadata).build();
        assertSame(sharedMetadata, sample.resourceMetadata(), "a sample shares frozen metadata");
        Map<String, Object> signed = SIGNER.sign(MeterMessage.of(sample, "2026-01-01T00:00:00", "id-1"));
        assertNotNull(signed.get(Signer.SIGNATURE_KEY));
        assertEquals(true, SIGNER.verify(signed));
    }

    private static Map<String, Object> message(Map<String, Object> metadata) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counter_name", "cpu");
        m.put("resource_metadata", metadata);
        m.put("source", "openstack");
        m.put("z_last", 1.5);
        return m;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final String[] KEYS = {"a", "b", "disk_name", "name", "flavor", "é", "z", "a:b", "a-b", "Z", "\uD83D\uDE00", "\uE000"};

    private static Map<String, Object> randomMap(Random r, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            m.put(KEYS[r.nextInt(KEYS.length)] + (r.nextInt(4) == 0 ? "" + r.nextInt(3) : ""), randomValue(r, depth));
        }
        return m;
    }

    private static Object randomValue(Random r, int depth) {
        return switch (r.nextInt(depth > 0 ? 8 : 6)) {
            case 0 -> null;
            case 1 -> r.nextInt(1000) - 500;
            case 2 -> r.nextDouble() * 1e6;
            case 3 -> "v\u00e9" + r.nextInt(10);
            case 4 -> r.nextBoolean();
            case 5 -> List.of("x", r.nextInt(5));
            default -> randomMap(r, depth - 1);
        };
    }
}
