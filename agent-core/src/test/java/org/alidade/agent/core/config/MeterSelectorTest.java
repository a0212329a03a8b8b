package org.alidade.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference §1.3 (which lists are valid) and §1.4 (how a pattern matches a pollster name). */
class MeterSelectorTest {

    /** "a, b, c" → [a, b, c]; patterns never contain ", " in these tests. */
    private static List<String> patterns(String csv) {
        return Arrays.asList(csv.split(", "));
    }

    @ParameterizedTest(name = "[{0}] selects {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *, !disk.*, !cpu         | cpu                        | false
            *, !disk.*, !cpu         | cpu_util                   | true
            *, !disk.*, !cpu         | disk.device.read.bytes     | false
            *, !disk.*, !cpu         | memory.usage               | true
            network.*.bytes, cpu?    | network.incoming.bytes     | true
            network.*.bytes, cpu?    | network.incoming.bytes.rate| false
            network.*.bytes, cpu?    | cpu                        | false
            network.*.bytes, cpu?    | cpu1                       | true
            network.*.bytes, cpu?    | Cpu1                       | false
            """)
    void matchesLikeCeilometerInTheReferenceTable(String list, String name, boolean selected) {
        assertEquals(selected, MeterSelector.of(patterns(list)).selects(name));
    }

    @ParameterizedTest(name = "[{0}] is valid")
    @CsvSource(delimiter = '|', textBlock = """
            *.bytes, !cpu
            *, *.bytes
            disk.*, cpu
            *, !cpu
            *
            !cpu
            cpu
            """)
    void acceptsTheListsCeilometerAccepts(String list) {
        assertEquals(patterns(list), MeterSelector.of(patterns(list)).patterns());
    }

    @ParameterizedTest(name = "[{0}] is invalid")
    @CsvSource(delimiter = '|', textBlock = """
            cpu, !memory.usage     | both included and excluded
            *, cpu                 | wildcard
            """)
    void rejectsIncludedMetersMixedWithExclusionsOrTheWildcard(String list, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeterSelector.of(patterns(list)));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void rejectsAnEmptyList() {
        assertThrows(IllegalArgumentException.class, () -> MeterSelector.of(List.of()));
    }

    @Test
    void rejectsAnEmptyEntryWhereCeilometerCrashesWithIndexError() {
        assertThrows(IllegalArgumentException.class, () -> MeterSelector.of(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> MeterSelector.of(List.of("cpu", "")));
    }

    @Test
    void rejectsABareExclamationMarkAsAnEmptyExclusion() {
        assertThrows(IllegalArgumentException.class, () -> MeterSelector.of(List.of("!")));
    }

    @Test
    void takesOnlyExclusionsAsEverythingElse() {
        MeterSelector s = MeterSelector.of(List.of("!cpu", "!disk.*"));
        assertTrue(s.selects("memory.usage"));
        assertTrue(s.selects("network.incoming.bytes"));
        assertFalse(s.selects("cpu"));
        assertFalse(s.selects("disk.device.read.bytes"));
    }

    @Test
    void selectsNothingThatNoInclusionMatchesWhenThereAreInclusions() {
        MeterSelector s = MeterSelector.of(List.of("*.bytes", "!network.*"));
        assertTrue(s.selects("disk.device.read.bytes"));
        assertFalse(s.selects("network.incoming.bytes"));
        assertFalse(s.selects("cpu"));
    }

    @Test
    void letsAnExclusionWinOverTheWildcard() {
        MeterSelector s = MeterSelector.of(List.of("*", "!cpu"));
        assertFalse(s.selects("cpu"));
        assertTrue(s.selects("cpu_l3_cache"));
    }

    @Test
    void letsStarCrossDotsAndMatchNothing() {
        assertTrue(MeterSelector.of(List.of("disk.*")).selects("disk.device.read.bytes"));
        assertTrue(MeterSelector.of(List.of("disk.*")).selects("disk."));
        assertFalse(MeterSelector.of(List.of("disk.*")).selects("disk"));
    }

    @Test
    void matchesTheWholeNameNotAPart() {
        MeterSelector s = MeterSelector.of(List.of("cpu"));
        assertTrue(s.selects("cpu"));
        assertFalse(s.selects("cpu_util"));
        assertFalse(s.selects("vcpu"));
    }

    @Test
    void treatsDotAsALiteralDot() {
        assertFalse(MeterSelector.of(List.of("memory.usage")).selects("memoryXusage"));
    }

    @Test
    void treatsBracesAsLiteralForMultiMetricDynamicPollsters() {
        MeterSelector s = MeterSelector.of(List.of("x.{category}"));
        assertTrue(s.selects("x.{category}"));
        assertFalse(s.selects("x.category"));
        assertFalse(s.selects("x.c"));
    }

    @Test
    void supportsCharacterClassesAndTheirNegation() {
        MeterSelector in = MeterSelector.of(List.of("cpu[0-3]"));
        assertTrue(in.selects("cpu2"));
        assertFalse(in.selects("cpu7"));
        MeterSelector notIn = MeterSelector.of(List.of("cpu[!0-3]"));
        assertTrue(notIn.selects("cpu7"));
        assertFalse(notIn.selects("cpu2"));
        assertFalse(notIn.selects("cpu"));
    }

    @Test
    void treatsAnUnclosedBracketAsALiteral() {
        assertTrue(MeterSelector.of(List.of("cpu[")).selects("cpu["));
    }

    @Test
    void matchesCaseSensitivelyAsOnLinux() {
        assertFalse(MeterSelector.of(List.of("cpu")).selects("CPU"));
        assertFalse(MeterSelector.of(List.of("!cpu")).selects("cpu"));
        assertTrue(MeterSelector.of(List.of("!cpu")).selects("CPU"));
    }

    @Test
    void makesQuestionMarkMatchExactlyOneCharacter() {
        MeterSelector s = MeterSelector.of(List.of("cpu?"));
        assertTrue(s.selects("cpu1"));
        assertFalse(s.selects("cpu"));
        assertFalse(s.selects("cpu12"));
    }
}
