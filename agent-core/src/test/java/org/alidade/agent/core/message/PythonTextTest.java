package org.alidade.agent.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonTextTest {

    // ---- scalars --------------------------------------------------------------------------

    @Test
    void printsStringsAsTheyAre() {
        assertEquals("café-服务器", PythonText.str("café-服务器"));
        assertEquals("", PythonText.str(""));
        assertEquals("it's \"quoted\"\n", PythonText.str("it's \"quoted\"\n"));
    }

    @Test
    void spellsNoneTrueAndFalseLikePython() {
        assertEquals("None", PythonText.str(null));
        assertEquals("True", PythonText.str(Boolean.TRUE));
        assertEquals("False", PythonText.str(Boolean.FALSE));
    }

    @Test
    void printsIntegersOfEveryWidthInPlainDecimal() {
        assertEquals("2048", PythonText.str(2048));
        assertEquals("-1", PythonText.str(-1));
        assertEquals("0", PythonText.str(0));
        assertEquals("1234567890", PythonText.str(1234567890));
        assertEquals("-9223372036854775808", PythonText.str(Long.MIN_VALUE));
        assertEquals("1180591620717411303424", PythonText.str(BigInteger.TWO.pow(70)));
        assertEquals("-12345678901234567890", PythonText.str(new BigInteger("-12345678901234567890")));
    }

    @Test
    void keepsIntegersAndFloatsApart() {
        assertEquals("3", PythonText.str(3));
        assertEquals("3.0", PythonText.str(3.0));
    }

    @Test
    void rejectsValuesWithoutAJsonType() {
        assertThrows(IllegalArgumentException.class, () -> PythonText.str(1.5f));
        assertThrows(IllegalArgumentException.class, () -> PythonText.str(new Object()));
        assertThrows(IllegalArgumentException.class, () -> PythonText.str(List.of(new Object())));
    }

    // ---- floats: examples from the reference and known hard cases --------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            3.0                     | 3.0
            0.1                     | 0.1
            12345.678               | 12345.678
            1e15                    | 1000000000000000.0
            1e16                    | 1e+16
            1.5e16                  | 1.5e+16
            1e-5                    | 1e-05
            1.5e-7                  | 1.5e-07
            1.2345678901234568e17   | 1.2345678901234568e+17
            5e-324                  | 5e-324
            -1.5                    | -1.5
            0.5                     | 0.5
            0.3                     | 0.3
            100.0                   | 100.0
            123456789.0             | 123456789.0
            1234567890123456.7      | 1234567890123456.8
            9999999999999998.0      | 9999999999999998.0
            9007199254740992.0      | 9007199254740992.0
            9007199254740994.0      | 9007199254740994.0
            0.00012345              | 0.00012345
            """)
    void printsFloatsAsPythonRepr(String input, String python) {
        assertEquals(python, PythonText.str(Double.parseDouble(input)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1e-4                      | 0.0001
            9.999999999999999e-05     | 9.999999999999999e-05
            1e22                      | 1e+22
            1e23                      | 1e+23
            9223372036854775808       | 9.223372036854776e+18
            1.7976931348623157e308    | 1.7976931348623157e+308
            2.2250738585072014e-308   | 2.2250738585072014e-308
            1e-323                    | 1e-323
            1.5e-323                  | 1.5e-323
            1e-322                    | 1e-322
            """)
    void switchesToExponentNotationOutsideTheFixedRange(String input, String python) {
        assertEquals(python, PythonText.str(Double.parseDouble(input)));
    }

    @Test
    void printsSpecialValuesLikePython() {
        assertEquals("inf", PythonText.str(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PythonText.str(Double.NEGATIVE_INFINITY));
        assertEquals("nan", PythonText.str(Double.NaN));
        assertEquals("nan", PythonText.str(Double.longBitsToDouble(0xfff8_0000_0000_0001L)), "negative NaN");
        assertEquals("0.0", PythonText.str(0.0));
        assertEquals("-0.0", PythonText.str(-0.0));
    }

    @Test
    void printsArithmeticResultsWithTheirFullShortestDigits() {
        assertEquals("0.30000000000000004", PythonText.str(0.1 + 0.2));
        assertEquals("0.3333333333333333", PythonText.str(1.0 / 3));
        assertEquals("0.6666666666666666", PythonText.str(2.0 / 3));
    }

    /**
     * Values where JDK 17's {@code Double.toString} is longer than needed (by up to six digits,
     * even eighteen digits in all) or picks a farther last digit; Python's answers.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            4.8726570056999995E288    | 4.8726570057e+288
            1.69649110742596813E18    | 1.696491107425968e+18
            2.2934775531679864E25     | 2.2934775531679865e+25
            4.9E-324                  | 5e-324
            """)
    void printsShortestDigitsWhereJdk17DoubleToStringDoesNot(String jdk17, String python) {
        double d = Double.parseDouble(jdk17);
        assertEquals(jdk17, Double.toString(d), "the JDK 17 text this case is about");
        assertEquals(python, PythonText.str(d));
    }

    @Test
    void prefersAShortestDigitStringThatReadsBackOverTheCorrectlyRoundedOne() {
        // 2^-1017: the interval below a power of two is half as wide, so the correctly rounded
        // 16 digits (...044) read back as another double, but ...045 reads back: Python prints it
        double d = Math.scalb(1.0, -1017);
        String rounded16 = new BigDecimal(d).round(new MathContext(16, RoundingMode.HALF_EVEN)).toString();
        assertEquals("7.120236347223044E-307", rounded16);
        assertTrue(Double.parseDouble(rounded16) != d);
        assertEquals("7.120236347223045e-307", PythonText.str(d));
    }

    // ---- floats: random and exhaustive checks against a brute-force Python oracle ----------

    private static final Pattern FIXED = Pattern.compile("-?(0|[1-9][0-9]*)\\.([0-9]*[1-9]|0)");
    private static final Pattern EXPONENT = Pattern.compile("-?[1-9](\\.[0-9]*[1-9])?e[+-]([0-9]{2}|[1-9][0-9]{2})");

    @Test
    void matchesTheBruteForceShortestClosestDigitsForRandomDoubles() {
        SplittableRandom random = new SplittableRandom(20240506);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));                          // any bits
            values.add(random.nextInt(1_000_000) / Math.pow(10, random.nextInt(30) - 10)); // "nice" decimals
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));       // every magnitude
        }
        for (int i = 0; i < 2_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong(1L << 52)));                  // subnormals
            values.add((double) random.nextLong(1L << 62));                                 // big integers
            values.add(random.nextInt(1 << 20) / 1024.0);                                    // KiB / 1024
        }
        values.stream().filter(Double::isFinite).forEach(PythonTextTest::assertPythonRepr);
    }

    @Test
    void matchesTheBruteForceForEveryPowerOfTwoAndTheSmallestSubnormals() {
        for (int e = -1074; e <= 1023; e++) {
            assertPythonRepr(Math.scalb(1.0, e));
            assertPythonRepr(Math.nextDown(Math.scalb(1.0, e)));
            assertPythonRepr(Math.nextUp(Math.scalb(1.0, e)));
        }
        for (long t = 1; t <= 3_000; t++) {
            assertPythonRepr(Double.longBitsToDouble(t));
        }
        assertPythonRepr(Double.MAX_VALUE);
        assertPythonRepr(Double.MIN_NORMAL);
    }

    @Test
    void matchesTheBruteForceAroundEveryPowerOfTen() {
        for (int e = -323; e <= 308; e++) {
            double d = Double.parseDouble("1e" + e);
            assertPythonRepr(d);
            assertPythonRepr(Math.nextDown(d));
            assertPythonRepr(Math.nextUp(d));
        }
    }

    /**
     * Checks the text of a finite double against Python's rule computed the slow, obvious way:
     * the fewest significant digits p for which a p-digit decimal reads back to d (only the
     * p-digit decimals just below and just above the exact value can), and of those the one
     * closest to the exact value. Then checks the layout Python uses for that decimal.
     */
    private static void assertPythonRepr(double d) {
        String text = PythonText.str(d);
        String context = text + " for " + Double.toHexString(d) + " (" + Double.toString(d) + ")";
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(text)),
                "reads back: " + context);
        BigDecimal expected = shortestClosest(d);
        BigDecimal actual = new BigDecimal(text);
        assertEquals(0, expected.compareTo(actual), "expected " + expected + ", got " + context);
        assertEquals(expected.stripTrailingZeros().precision(), actual.stripTrailingZeros().precision(), context);
        double abs = Math.abs(d);
        if (abs == 0 || abs >= 1e-4 && abs < 1e16) {
            assertTrue(FIXED.matcher(text).matches(), "fixed notation: " + context);
        } else {
            assertTrue(EXPONENT.matcher(text).matches(), "exponent notation: " + context);
        }
        assertTrue(actual.stripTrailingZeros().precision()
                <= new BigDecimal(Double.toString(d)).stripTrailingZeros().precision(),
                "never longer than Double.toString: " + context);
    }

    private static BigDecimal shortestClosest(double d) {
        BigDecimal exact = new BigDecimal(d);
        if (d == 0) {
            return exact;
        }
        for (int p = 1; p <= 17; p++) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(p, mode));
                if (Double.doubleToRawLongBits(Double.parseDouble(candidate.toString()))
                        != Double.doubleToRawLongBits(d)) {
                    continue;
                }
                if (best == null) {
                    best = candidate;
                } else {
                    int cmp = candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
                    boolean candidateEven = !candidate.unscaledValue().testBit(0);
                    if (cmp < 0 || cmp == 0 && candidateEven) {
                        best = candidate;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        throw new AssertionError("no 17-digit decimal reads back to " + d);
    }

    // ---- lists and maps: Python repr of the UTF-8 bytes structure -------------------------

    @Test
    void printsListsOfStringsAsBytesInTheirOrder() {
        assertEquals("[b'b', b'a']", PythonText.str(List.of("b", "a")));
    }

    @Test
    void printsTheMixedListOfTheReference() {
        List<Object> list = Arrays.asList("it's", "café", null, 1.5, Map.of("k", List.of("v")));
        assertEquals("[b\"it's\", b'caf\\xc3\\xa9', None, 1.5, {b'k': [b'v']}]", PythonText.str(list));
    }

    @Test
    void printsDictsInsideListsWithSortedBytesKeys() {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("n", 1);
        dict.put("k", "v");
        assertEquals("[{b'k': b'v', b'n': 1}]", PythonText.str(List.of(dict)));
        assertEquals("[{}]", PythonText.str(List.of(Map.of())));
    }

    @Test
    void printsAnEmptyListAsBrackets() {
        assertEquals("[]", PythonText.str(List.of()));
        assertEquals("[[], [[]]]", PythonText.str(List.of(List.of(), List.of(List.of()))));
    }

    @Test
    void escapesBytesLikePythonAndChoosesTheQuoteThatAvoidsEscaping() {
        List<String> list = List.of("a\\b", "q'\"", "\t\n\r\u0001\u007f", "only\"double", "😀");
        assertEquals("[b'a\\\\b', b'q\\'\"', b'\\t\\n\\r\\x01\\x7f', b'only\"double', b'\\xf0\\x9f\\x98\\x80']",
                PythonText.str(list));
    }

    @Test
    void printsOtherValuesInsideListsAsTheirRepr() {
        List<Object> list = Arrays.asList(true, false, null, new BigInteger("12345678901234567890"), -3, 2.0, 1e16,
                Double.NaN, Long.MAX_VALUE);
        assertEquals("[True, False, None, 12345678901234567890, -3, 2.0, 1e+16, nan, 9223372036854775807]",
                PythonText.str(list));
    }

    @Test
    void printsATopLevelMapLikeADictInsideAList() {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("z", List.of("x"));
        dict.put("a", null);
        assertEquals("{b'a': None, b'z': [b'x']}", PythonText.str(dict));
    }

    @Test
    void sortsDictKeysByCodePointNotByUtf16Unit() {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("\uD83D\uDE00", 2); // U+1F600: a surrogate pair, below U+FF01 in UTF-16 order
        dict.put("\uFF01", 1);
        assertEquals("[{b'\\xef\\xbc\\x81': 1, b'\\xf0\\x9f\\x98\\x80': 2}]", PythonText.str(List.of(dict)));
    }

    @Test
    void rejectsDictsWithNonStringKeys() {
        assertThrows(IllegalArgumentException.class, () -> PythonText.str(List.of(Map.of(1, "x"))));
    }
}
