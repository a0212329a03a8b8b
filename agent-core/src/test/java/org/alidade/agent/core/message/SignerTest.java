package org.alidade.agent.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signature test vectors of reference §2.4, and the signer's contract around them. */
class SignerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DEFAULT_SECRET = "change this for valid signing";

    private static final String VECTOR_1_ZED = """
            {"source": "openstack", "counter_name": "cpu", "counter_type": "cumulative", "counter_unit": "ns", \
            "counter_volume": 1234567890, "user_id": "a1b2c3", "project_id": "d4e5f6", \
            "resource_id": "11111111-2222-3333-4444-555555555555", "timestamp": "2024-05-06T07:08:09.123456", \
            "resource_metadata": {}, "message_id": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "monotonic_time": null}""";

    private static final String VECTOR_1_INPUT = "counter_namecpucounter_typecumulativecounter_unitnscounter_volume"
            + "1234567890message_idaaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeeemonotonic_timeNoneproject_idd4e5f6"
            + "resource_id11111111-2222-3333-4444-555555555555sourceopenstacktimestamp2024-05-06T07:08:09.123456"
            + "user_ida1b2c3";

    private static final String VECTOR_2 = """
            {"source": "openstack", "counter_name": "disk.device.read.bytes", "counter_type": "cumulative", \
            "counter_unit": "B", "counter_volume": 0.1, "user_id": "user-1", "project_id": null, \
            "resource_id": "inst-1-vda", "timestamp": "2024-05-06T07:08:09", "resource_metadata": {"zeta": true, \
            "Alpha": null, "disk_name": "vda", "flavor": {"vcpus": 2, "name": "m1.small", "ram": 2048}, \
            "tags": ["b", "a"], "_private": 3.0}, "message_id": "00000000-0000-0000-0000-000000000002", \
            "monotonic_time": 12345.678}""";

    private static final String VECTOR_2_INPUT = "counter_namedisk.device.read.bytescounter_typecumulative"
            + "counter_unitBcounter_volume0.1message_id00000000-0000-0000-0000-000000000002monotonic_time12345.678"
            + "project_idNoneresource_idinst-1-vdaresource_metadata:AlphaNoneresource_metadata:_private3.0"
            + "resource_metadata:disk_namevdaresource_metadata:flavor:namem1.smallresource_metadata:flavor:ram2048"
            + "resource_metadata:flavor:vcpus2resource_metadata:tags[b'b', b'a']resource_metadata:zetaTrue"
            + "sourceopenstacktimestamp2024-05-06T07:08:09user_iduser-1";

    private static final String VECTOR_3 = """
            {"source": "openstack", "counter_name": "image.size", "counter_type": "gauge", "counter_unit": "B", \
            "counter_volume": 1e+16, "user_id": null, "project_id": "p\\u00e9", "resource_id": "img-3", \
            "timestamp": "2024-05-06T07:08:09.000001+00:00", "resource_metadata": {"name": "café-服务器", \
            "empty": {}, "props": [{"k": "v", "n": 1}], "lvl1": {"lvl2": {"x": -1}}}, \
            "message_id": "00000000-0000-0000-0000-000000000003", "monotonic_time": null}""";

    private static final String VECTOR_3_INPUT = "counter_nameimage.sizecounter_typegaugecounter_unitBcounter_volume"
            + "1e+16message_id00000000-0000-0000-0000-000000000003monotonic_timeNoneproject_idpéresource_idimg-3"
            + "resource_metadata:lvl1:lvl2:x-1resource_metadata:namecafé-服务器resource_metadata:props"
            + "[{b'k': b'v', b'n': 1}]sourceopenstacktimestamp2024-05-06T07:08:09.000001+00:00user_idNone";

    private static final String VECTOR_4 = """
            {"source": "openstack", "counter_name": "x.y", "counter_type": "gauge", "counter_unit": "u", \
            "counter_volume": 7, "user_id": "u", "project_id": "p", "resource_id": "r", \
            "timestamp": "2024-01-01T00:00:00", "resource_metadata": {"a-b": 1, "a": {"x": 2}, \
            "l": ["it's", "café", null, 1.5, {"k": ["v"]}], "e": []}, \
            "message_id": "00000000-0000-0000-0000-000000000004", "monotonic_time": null}""";

    // ---- the vectors of §2.4 --------------------------------------------------------------

    @Test
    void signsVector1InTheZedKeySetWithEmptyMetadataContributingNothing() throws Exception {
        Map<String, Object> message = parse(VECTOR_1_ZED);
        assertInstanceOf(Integer.class, message.get("counter_volume"));
        String expected = "db802c63e65305034d52ddf9ce6ccc2e3606a4721326bb8362697806a56e5404";
        assertEquals(expected, hmacHex(DEFAULT_SECRET, VECTOR_1_INPUT), "the reference's HMAC input");
        assertEquals(expected, new Signer(DEFAULT_SECRET).signature(message));
    }

    @Test
    void signsVector1InTheCurrentKeySetWithNullUserAndProjectNames() throws Exception {
        Map<String, Object> message = parse(withNames(VECTOR_1_ZED, "null", "null"));
        assertEquals(List.of("source", "counter_name", "counter_type", "counter_unit", "counter_volume", "user_id",
                "user_name", "project_id", "project_name", "resource_id", "timestamp", "resource_metadata",
                "message_id", "monotonic_time"), new ArrayList<>(message.keySet()));
        assertEquals("367836ba5e80a1e83db106f47667039f4760703f74058cdd3c0ad77734295b0c",
                new Signer(DEFAULT_SECRET).signature(message));
    }

    @Test
    void signsVector1InTheCurrentKeySetWithUserAndProjectNames() throws Exception {
        Map<String, Object> message = parse(withNames(VECTOR_1_ZED, "\"alice\"", "\"demo\""));
        assertEquals("696c4c93e40309884aa5204ab235ecdbe4123310e16b60dd7b0c1c8d37aa4f82",
                new Signer(DEFAULT_SECRET).signature(message));
    }

    @Test
    void signsVector2WithNestedMetadataListsAndFloats() throws Exception {
        Map<String, Object> message = parse(VECTOR_2);
        assertInstanceOf(Double.class, message.get("counter_volume"));
        Map<?, ?> metadata = (Map<?, ?>) message.get("resource_metadata");
        assertInstanceOf(Double.class, metadata.get("_private"));
        assertInstanceOf(Integer.class, ((Map<?, ?>) metadata.get("flavor")).get("ram"));
        String expected = "23dc69cce91bfdab1b31d0fdb4db9402cbcea0c208a05011222b3bff56613387";
        assertEquals(expected, hmacHex("secret", VECTOR_2_INPUT), "the reference's HMAC input");
        assertEquals(expected, new Signer("secret").signature(message));
    }

    @Test
    void signsVector3WithUnicodeListOfDictsEmptyNestedDictAndNonAsciiSecret() throws Exception {
        Map<String, Object> message = parse(VECTOR_3);
        assertInstanceOf(Double.class, message.get("counter_volume"));
        assertEquals("pé", message.get("project_id"));
        String expected = "3ad4b5eb678e65bbbaabd36decc2e17ac8fda78d74039d52437dc0d0282fbfb2";
        assertEquals(expected, hmacHex("sécret", VECTOR_3_INPUT), "the reference's HMAC input");
        assertEquals(expected, new Signer("sécret").signature(message));
    }

    @Test
    void signsVector4SortingPerLevelAndRenderingQuotesAndNonAsciiInLists() throws Exception {
        assertEquals("b01464dd97530507603c593c82ccedf703eb4e51be777f7ac708af64a6f2763f",
                new Signer("k").signature(parse(VECTOR_4)));
    }

    // ---- the signer's contract ------------------------------------------------------------

    @Test
    void signsWithTheEmptyStringWhenTheSecretIsEmptyOrNull() throws Exception {
        Map<String, Object> message = parse(VECTOR_2);
        assertEquals("", new Signer("").signature(message));
        assertEquals("", new Signer(null).signature(message));
        assertEquals("", new Signer("").sign(message).get(Signer.SIGNATURE_KEY));
    }

    @Test
    void addsTheSignatureAsTheLastKeyOfAnUnmodifiableCopy() throws Exception {
        Map<String, Object> message = parse(VECTOR_2);
        Map<String, Object> signed = new Signer("secret").sign(message);

        List<String> expectedKeys = new ArrayList<>(message.keySet());
        expectedKeys.add("message_signature");
        assertEquals(expectedKeys, new ArrayList<>(signed.keySet()));
        assertEquals("23dc69cce91bfdab1b31d0fdb4db9402cbcea0c208a05011222b3bff56613387",
                signed.get("message_signature"));
        assertEquals(false, message.containsKey("message_signature"), "input untouched");
        assertThrows(UnsupportedOperationException.class, () -> signed.put("x", 1));
    }

    @Test
    void ignoresAndReplacesAnExistingSignatureKeepingItLast() throws Exception {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_signature", "stale");
        message.putAll(parse(VECTOR_2));
        Signer signer = new Signer("secret");

        assertEquals("23dc69cce91bfdab1b31d0fdb4db9402cbcea0c208a05011222b3bff56613387", signer.signature(message));
        Map<String, Object> signed = signer.sign(message);
        List<String> keys = new ArrayList<>(signed.keySet());
        assertEquals("message_signature", keys.get(keys.size() - 1));
        assertEquals(keys.size(), Set.copyOf(keys).size());
        assertEquals("23dc69cce91bfdab1b31d0fdb4db9402cbcea0c208a05011222b3bff56613387",
                signed.get("message_signature"));
    }

    @Test
    void resignsASignedMessageToTheSameSignature() throws Exception {
        Signer signer = new Signer("secret");
        Map<String, Object> signed = signer.sign(parse(VECTOR_2));
        assertEquals(signed, signer.sign(signed));
    }

    @Test
    void sortsKeysByCodePointNotByUtf16Unit() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("\uD83D\uDE00", 2); // U+1F600 comes after U+FF01 in Python, before it in String.compareTo
        message.put("\uFF01", 1);
        assertEquals(hmacHex("k", "\uFF011\uD83D\uDE002"), new Signer("k").signature(message));
    }

    @Test
    void flattensEveryNestedLevelBeforeLaterSiblingsAndSkipsEmptyMaps() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1.0);
        inner.put("empty", Map.of());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("a-b", 1);
        message.put("a", Map.of("x", Map.of("y", inner)));
        message.put("A", true);
        assertEquals(hmacHex("k", "ATruea:x:y:z1.0a-b1"), new Signer("k").signature(message));
    }

    @Test
    void rejectsNonStringKeysAndRecoversOnTheSameThreadAfterwards() throws Exception {
        Signer signer = new Signer("secret");
        // longer than the signer's buffer, so it reaches the Mac before the failure
        String fedBeforeFailure = "x".repeat(5_000);
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("a", fedBeforeFailure);
        bad.put("b", Map.of(1, "x"));
        assertThrows(IllegalArgumentException.class, () -> signer.signature(bad));

        Map<String, Object> unsupported = new LinkedHashMap<>();
        unsupported.put("a", fedBeforeFailure);
        unsupported.put("b", 1.5f);
        assertThrows(IllegalArgumentException.class, () -> signer.signature(unsupported));

        assertEquals("23dc69cce91bfdab1b31d0fdb4db9402cbcea0c208a05011222b3bff56613387",
                signer.signature(parse(VECTOR_2)));
    }

    @Test
    void signsTheSameFromManyThreadsAtOnce() throws Exception {
        Signer signer = new Signer("secret");
        Map<String, Object> vector2 = parse(VECTOR_2);
        Map<String, Object> vector4 = parse(VECTOR_4);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        seen.add(signer.signature(i % 2 == 0 ? vector2 : vector4));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Set.of(signer.signature(vector2), signer.signature(vector4)), seen);
        assertEquals("23dc69cce91bfdab1b31d0fdb4db9402cbcea0c208a05011222b3bff56613387", signer.signature(vector2));
    }

    @Test
    void signsMeterMessagesInARowAsTheSameMessagesAsPlainMaps() throws Exception {
        // one thread, messages whose slots keep, change and come back to the same string objects
        // (the signer reuses the bytes of a slot's last string): every signature must be the one
        // the plain-map path (checked against the vectors above) gives
        Signer signer = new Signer(DEFAULT_SECRET);
        String name = "cpu";
        String timestamp = "2024-05-06T07:08:09.123456";
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            org.alidade.api.Sample s = org.alidade.api.Sample.builder()
                    .name(i == 3 ? "memory.usage" : name).type(org.alidade.api.SampleType.GAUGE).unit("ns")
                    .volume(i).userId(i % 2 == 0 ? "a1b2c3" : null).projectId(i == 4 ? "proj\u00e9-\u670d" : "d4e5f6")
                    .resourceId(new String("res-" + (i % 2))).resourceMetadata(Map.of("n", i)).build();
            messages.add(MeterMessage.of(s, i == 5 ? "2024-05-06T07:08:10" : timestamp, "id-" + i));
        }
        messages.add(messages.get(0));
        for (Map<String, Object> m : messages) {
            assertInstanceOf(FixedKeyMap.class, m);
            assertEquals(new Signer(DEFAULT_SECRET).signature(new LinkedHashMap<>(m)), signer.signature(m),
                    "message " + m);
        }
        assertEquals("367836ba5e80a1e83db106f47667039f4760703f74058cdd3c0ad77734295b0c",
                signer.signature(MeterMessage.of(org.alidade.api.Sample.builder().name("cpu")
                        .type(org.alidade.api.SampleType.CUMULATIVE).unit("ns").volume(1234567890).userId("a1b2c3")
                        .projectId("d4e5f6").resourceId("11111111-2222-3333-4444-555555555555")
                        .timestamp("2024-05-06T07:08:09.123456").resourceMetadata(Map.of()).build(), null,
                        "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")),
                "vector 1 as a meter message");
    }

    // ---- helpers --------------------------------------------------------------------------

    /** Parses a message as the JSON types a pollster produces: Integer/Long, Double, LinkedHashMap. */
    private static Map<String, Object> parse(String json) throws Exception {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** The 19.1.0+ key set: user_name after user_id, project_name after project_id. */
    private static String withNames(String zedJson, String userName, String projectName) {
        return zedJson
                .replace("\"user_id\": \"a1b2c3\", ", "\"user_id\": \"a1b2c3\", \"user_name\": " + userName + ", ")
                .replace("\"project_id\": \"d4e5f6\", ",
                        "\"project_id\": \"d4e5f6\", \"project_name\": " + projectName + ", ");
    }

    /** An independent oracle: HMAC-SHA256 of the whole input string, as the reference writes it. */
    private static String hmacHex(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void verifiesWhatItSignedAndRejectsATamperedMessage() {
        Signer signer = new Signer("secret");
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("counter_name", "cpu");
        m.put("counter_volume", 0.1);
        Map<String, Object> signed = signer.sign(m);
        assertTrue(signer.verify(signed));
        Map<String, Object> tampered = new java.util.LinkedHashMap<>(signed);
        tampered.put("counter_volume", 0.2);
        assertFalse(signer.verify(tampered));
        assertFalse(new Signer("other").verify(signed));
        assertTrue(new Signer("").verify(tampered), "an empty secret accepts everything, as upstream");
    }
}
