package org.alidade.agent.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alidade.api.Sample;
import org.alidade.api.SampleType;
import org.junit.jupiter.api.Test;

class MeterMessageTest {

    private static final List<String> UPSTREAM_KEYS = List.of("source", "counter_name", "counter_type",
            "counter_unit", "counter_volume", "user_id", "user_name", "project_id", "project_name", "resource_id",
            "timestamp", "resource_metadata", "message_id", "monotonic_time");

    /** The sample of signature vector 1 (reference §2.4). */
    private static Sample.Builder vector1() {
        return Sample.builder().name("cpu").type(SampleType.CUMULATIVE).unit("ns").volume(1234567890)
                .userId("a1b2c3").projectId("d4e5f6").resourceId("11111111-2222-3333-4444-555555555555")
                .timestamp("2024-05-06T07:08:09.123456").resourceMetadata(Map.of());
    }

    @Test
    void createsTheUpstreamKeysInUpstreamOrder() {
        Map<String, Object> message = MeterMessage.of(vector1().build(), null, "id-1");
        assertEquals(UPSTREAM_KEYS, new ArrayList<>(message.keySet()));
        assertEquals(UPSTREAM_KEYS, MeterMessage.KEYS);
    }

    @Test
    void signedIsTheSignedMessageOfTheSampleAndLeavesNothingShared() {
        Signer signer = new Signer("secret");
        Sample sample = vector1().userName("alice").monotonicTime(42.5).build();
        Map<String, Object> signed = MeterMessage.signed(sample, "2024-05-06T07:08:09", "id-9", signer);
        Map<String, Object> expected = signer.sign(MeterMessage.of(sample, "2024-05-06T07:08:09", "id-9"));
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(signed.entrySet()));
        assertEquals(15, signed.size());
        assertTrue(signer.verify(signed));
        assertEquals(signed.get(Signer.SIGNATURE_KEY), signer.signature(signed), "signing skips the signature");
        Map<String, Object> resigned = new Signer("other").sign(signed);
        assertEquals(expected.get(Signer.SIGNATURE_KEY), signed.get(Signer.SIGNATURE_KEY),
                "re-signing makes a new map, the first keeps its signature");
        assertTrue(new Signer("other").verify(resigned));
    }

    @Test
    void keepsKeysWhoseValueIsNull() {
        Map<String, Object> message = MeterMessage.of(vector1().build(), null, "id-1");
        for (String key : List.of("user_name", "project_name", "monotonic_time")) {
            assertTrue(message.containsKey(key), key);
            assertNull(message.get(key), key);
        }
        Sample bare = Sample.builder().name("m").type(SampleType.GAUGE).unit("").build();
        Map<String, Object> bareMessage = MeterMessage.of(bare, null, "id-2");
        assertEquals(UPSTREAM_KEYS, new ArrayList<>(bareMessage.keySet()));
        assertNull(bareMessage.get("counter_volume"));
        assertNull(bareMessage.get("resource_id"));
        assertEquals(Map.of(), bareMessage.get("resource_metadata"));
    }

    @Test
    void mapsEveryFieldAndUsesTheWireTypeName() {
        Sample sample = vector1().userName("alice").projectName("demo").source("hardware").monotonicTime(42.5)
                .resourceMetadata(Map.of("flavor", Map.of("vcpus", 2))).build();
        Map<String, Object> message = MeterMessage.of(sample, "2024-05-06T07:08:09", "id-3");
        assertEquals("hardware", message.get("source"));
        assertEquals("cpu", message.get("counter_name"));
        assertEquals("cumulative", message.get("counter_type"));
        assertEquals("ns", message.get("counter_unit"));
        assertEquals("a1b2c3", message.get("user_id"));
        assertEquals("alice", message.get("user_name"));
        assertEquals("d4e5f6", message.get("project_id"));
        assertEquals("demo", message.get("project_name"));
        assertEquals("11111111-2222-3333-4444-555555555555", message.get("resource_id"));
        assertEquals("2024-05-06T07:08:09", message.get("timestamp"));
        assertSame(sample.resourceMetadata(), message.get("resource_metadata"));
        assertEquals("id-3", message.get("message_id"));
        assertEquals(42.5, message.get("monotonic_time"));

        assertEquals("gauge", MeterMessage.of(vector1().type(SampleType.GAUGE).build(), null, "i").get("counter_type"));
        assertEquals("delta", MeterMessage.of(vector1().type(SampleType.DELTA).build(), null, "i").get("counter_type"));
    }

    @Test
    void keepsTheVolumeJsonType() {
        assertVolume(Integer.class, 3);
        assertVolume(Double.class, 3.0);
        assertVolume(Long.class, 12_345_678_901L);
        assertVolume(BigInteger.class, BigInteger.TWO.pow(70));
        assertVolume(String.class, "3");
        assertVolume(Boolean.class, true);
    }

    private static void assertVolume(Class<?> type, Object volume) {
        Object actual = MeterMessage.of(vector1().volume(volume).build(), null, "i").get("counter_volume");
        assertInstanceOf(type, actual);
        assertEquals(volume, actual);
    }

    @Test
    void prefersTheGivenTimestampAndIdOverTheSamplesOwn() {
        Sample sample = vector1().id("sample-id").build();
        Map<String, Object> given = MeterMessage.of(sample, "2025-01-01T00:00:00", "given-id");
        assertEquals("2025-01-01T00:00:00", given.get("timestamp"));
        assertEquals("given-id", given.get("message_id"));

        Map<String, Object> own = MeterMessage.of(sample, null, null);
        assertEquals("2024-05-06T07:08:09.123456", own.get("timestamp"));
        assertEquals("sample-id", own.get("message_id"));
    }

    @Test
    void assignsATimeBasedIdWhenNeitherTheCallerNorTheSampleHasOne() {
        Map<String, Object> message = MeterMessage.of(vector1().build(), null, null);
        assertEquals(1, UUID.fromString((String) message.get("message_id")).version());
    }

    @Test
    void returnsAnUnmodifiableMessage() {
        Map<String, Object> message = MeterMessage.of(vector1().build(), null, "i");
        assertThrows(UnsupportedOperationException.class, () -> message.put("message_signature", "x"));
    }

    @Test
    void signsToTheCurrentUpstreamVector1Signatures() {
        Signer signer = new Signer("change this for valid signing");
        String id = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

        Map<String, Object> signed = signer.sign(MeterMessage.of(vector1().build(), null, id));
        assertEquals("367836ba5e80a1e83db106f47667039f4760703f74058cdd3c0ad77734295b0c",
                signed.get("message_signature"));
        List<String> keys = new ArrayList<>(UPSTREAM_KEYS);
        keys.add("message_signature");
        assertEquals(keys, new ArrayList<>(signed.keySet()));

        Sample named = vector1().userName("alice").projectName("demo").build();
        assertEquals("696c4c93e40309884aa5204ab235ecdbe4123310e16b60dd7b0c1c8d37aa4f82",
                signer.signature(MeterMessage.of(named, null, id)));
    }
}
