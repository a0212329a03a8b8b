package org.alidade.agent.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonJsonTest {

    @Test
    void writesFloatsAsPythonRepr() {
        assertEquals("0.1", PythonJson.floatText(0.1));
        assertEquals("3.0", PythonJson.floatText(3.0));
        assertEquals("12345.678", PythonJson.floatText(12345.678));
        assertEquals("1000000000000000.0", PythonJson.floatText(1e15));
        assertEquals("1e+16", PythonJson.floatText(1e16));
        assertEquals("1.5e+16", PythonJson.floatText(1.5e16));
        assertEquals("1.2345678901234568e+17", PythonJson.floatText(1.2345678901234568e17));
        assertEquals("0.0001", PythonJson.floatText(1e-4));
        assertEquals("1e-05", PythonJson.floatText(1e-5));
        assertEquals("1.5e-07", PythonJson.floatText(1.5e-7));
        assertEquals("5e-324", PythonJson.floatText(Double.MIN_VALUE));
        assertEquals("-0.0", PythonJson.floatText(-0.0));
        assertEquals("0.0", PythonJson.floatText(0.0));
        assertEquals("-2.5", PythonJson.floatText(-2.5));
        assertEquals("NaN", PythonJson.floatText(Double.NaN));
        assertEquals("-Infinity", PythonJson.floatText(Double.NEGATIVE_INFINITY));
    }

    @Test
    void escapesLikeEnsureAscii() {
        // json.dumps("a\"b\\c\n\t\x01\x7f é 服 😀") in Python 3
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\\u007f \\u00e9 \\u670d \\ud83d\\ude00\"",
                PythonJson.write("a\"b\\c\n\t\u0001\u007f é 服 😀"));
    }

    @Test
    void usesPythonSeparatorsAndKeepsKeyOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", Arrays.asList("x", null, true, 2.0));
        m.put("big", new BigInteger("123456789012345678901234567890"));
        m.put("n", Map.of());
        assertEquals("{\"z\": 1, \"a\": [\"x\", null, true, 2.0], \"big\": 123456789012345678901234567890, \"n\": {}}",
                PythonJson.write(m));
    }

    @Test
    void writesIntegersAndFloatsInsideATextAsPython() {
        // json.dumps([0, -1, 9, 10, 99, 2**63 - 1, -2**63, 10**18, 10**18 - 1, -2**31, 0.1, -0.0, 3.0, float("nan")])
        assertEquals("[0, -1, 9, 10, 99, 9223372036854775807, -9223372036854775808, 1000000000000000000, "
                + "999999999999999999, -2147483648, 0.1, -0.0, 3.0, NaN]",
                PythonJson.write(Arrays.asList(0L, -1L, 9L, 10L, 99L, Long.MAX_VALUE, Long.MIN_VALUE,
                        1_000_000_000_000_000_000L, 999_999_999_999_999_999L, Integer.MIN_VALUE, 0.1, -0.0, 3.0,
                        Double.NaN)));
    }

    @Test
    void writesTextsLongerThanItsBuffer() {
        String s = "\u00e9\"x".repeat(5000);
        String expected = "\"" + "\\u00e9\\\"x".repeat(5000) + "\"";
        JsonOut out = new JsonOut(16);
        PythonJson.write(out, s);
        assertEquals(expected, out.toString());
        assertEquals(expected.length(), out.length());
    }
}
