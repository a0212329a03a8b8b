package org.alidade.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tests' signature checker reproduces the reference's test vectors (reference §2.4), so a
 * signature it accepts in the integration tests is one Ceilometer would compute.
 */
class SignaturesTest {

    /** A map in the given key order; values may be null. */
    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void flatFieldsWithTheDefaultSecretMatchVector1() {
        Map<String, Object> message = map("source", "openstack", "counter_name", "cpu", "counter_type", "cumulative",
                "counter_unit", "ns", "counter_volume", 1234567890, "user_id", "a1b2c3", "project_id", "d4e5f6",
                "resource_id", "11111111-2222-3333-4444-555555555555", "timestamp", "2024-05-06T07:08:09.123456",
                "resource_metadata", map(), "message_id", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                "monotonic_time", null);
        assertEquals("db802c63e65305034d52ddf9ce6ccc2e3606a4721326bb8362697806a56e5404",
                Signatures.compute(message, "change this for valid signing"));
        message.put("user_name", null);
        message.put("project_name", null);
        assertEquals("367836ba5e80a1e83db106f47667039f4760703f74058cdd3c0ad77734295b0c",
                Signatures.compute(message, "change this for valid signing"));
    }

    @Test
    void nestedDictListBooleanNullAndFloatsMatchVector2() {
        Map<String, Object> message = map("source", "openstack", "counter_name", "disk.device.read.bytes",
                "counter_type", "cumulative", "counter_unit", "B", "counter_volume", 0.1, "user_id", "user-1",
                "project_id", null, "resource_id", "inst-1-vda", "timestamp", "2024-05-06T07:08:09",
                "resource_metadata", map("zeta", true, "Alpha", null, "disk_name", "vda",
                        "flavor", map("vcpus", 2, "name", "m1.small", "ram", 2048), "tags", List.of("b", "a"),
                        "_private", 3.0),
                "message_id", "00000000-0000-0000-0000-000000000002", "monotonic_time", 12345.678,
                "message_signature", "ignored");
        assertEquals("23dc69cce91bfdab1b31d0fdb4db9402cbcea0c208a05011222b3bff56613387",
                Signatures.compute(message, "secret"));
    }

    @Test
    void unicodeListOfDictsEmptyDictAndExponentMatchVector3() {
        Map<String, Object> message = map("source", "openstack", "counter_name", "image.size", "counter_type", "gauge",
                "counter_unit", "B", "counter_volume", 1e16, "user_id", null, "project_id", "pé",
                "resource_id", "img-3", "timestamp", "2024-05-06T07:08:09.000001+00:00",
                "resource_metadata", map("name", "café-服务器", "empty", map(), "props", List.of(map("k", "v", "n", 1)),
                        "lvl1", map("lvl2", map("x", -1))),
                "message_id", "00000000-0000-0000-0000-000000000003", "monotonic_time", null);
        assertEquals("3ad4b5eb678e65bbbaabd36decc2e17ac8fda78d74039d52437dc0d0282fbfb2",
                Signatures.compute(message, "sécret"));
    }

    @Test
    void perLevelSortAndQuotesInAListMatchVector4() {
        Map<String, Object> message = map("source", "openstack", "counter_name", "x.y", "counter_type", "gauge",
                "counter_unit", "u", "counter_volume", 7, "user_id", "u", "project_id", "p", "resource_id", "r",
                "timestamp", "2024-01-01T00:00:00",
                "resource_metadata", map("a-b", 1, "a", map("x", 2),
                        "l", Arrays.asList("it's", "café", null, 1.5, map("k", List.of("v"))), "e", List.of()),
                "message_id", "00000000-0000-0000-0000-000000000004", "monotonic_time", null);
        assertEquals("b01464dd97530507603c593c82ccedf703eb4e51be777f7ac708af64a6f2763f",
                Signatures.compute(message, "k"));
    }

    @Test
    void floatsArePrintedAsPythonReprDoes() {
        assertEquals("3.0", Signatures.pythonFloat(3.0));
        assertEquals("0.0001", Signatures.pythonFloat(1e-4));
        assertEquals("1e-05", Signatures.pythonFloat(1e-5));
        assertEquals("1.5e-07", Signatures.pythonFloat(1.5e-7));
        assertEquals("1000000000000000.0", Signatures.pythonFloat(1e15));
        assertEquals("1.5e+16", Signatures.pythonFloat(1.5e16));
        assertEquals("12345678.5", Signatures.pythonFloat(12345678.5));
        assertEquals("-0.0", Signatures.pythonFloat(-0.0));
    }
}
