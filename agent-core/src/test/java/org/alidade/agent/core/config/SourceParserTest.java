package org.alidade.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every rule of reference §1.2/§1.3 and Alidade's stricter ones, for both forms of a source. */
class SourceParserTest {

    private static final String FILE = "/etc/alidade/polling.yaml";
    private static final String PID = "config org.alidade.polling.source~cpu";

    /** An entry exactly as PollingYaml would hand it over: loaded by SnakeYAML's safe constructor. */
    private static Object yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    private static PollingSource fromYaml(String text) throws InvalidSourceException {
        return SourceParser.fromYaml(yaml(text), 0, FILE);
    }

    /** Parses an entry of source cpu_source that must fail on {@code field}; checks the message names both. */
    private static InvalidSourceException rejectedYaml(String text, String field) {
        return rejected(() -> fromYaml(text), "cpu_source", FILE, field);
    }

    private static InvalidSourceException rejectedConfig(Map<String, ?> props, String field) {
        return rejected(() -> SourceParser.fromConfig(props, PID), "cpu_source", PID, field);
    }

    private interface Parse {
        PollingSource run() throws InvalidSourceException;
    }

    private static InvalidSourceException rejected(Parse parse, String name, String origin, String field) {
        InvalidSourceException e = assertThrows(InvalidSourceException.class, parse::run);
        String m = e.getMessage();
        assertAll(
                () -> assertEquals(name, e.sourceName()),
                () -> assertEquals(field, e.field()),
                () -> assertEquals(origin, e.origin()),
                () -> assertTrue(m.startsWith("polling source '" + name + "' (" + origin + "): " + field + ": "), m));
        return e;
    }

    private static void assertMentions(InvalidSourceException e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "\"" + f + "\" not in: " + e.getMessage());
        }
    }

    /** A valid ConfigAdmin source with one property replaced (null value: removed). */
    private static Map<String, Object> config(String key, Object value) {
        Map<String, Object> props = new HashMap<>();
        props.put("name", "cpu_source");
        props.put("interval", "60");
        props.put("meters", "cpu");
        if (value == null) {
            props.remove(key);
        } else {
            props.put(key, value);
        }
        return props;
    }

    @Nested
    class YamlForm {

        @Test
        void parsesACompleteEntry() throws Exception {
            PollingSource s = fromYaml("""
                    name: cpu_source
                    interval: 60
                    meters: [cpu, "memory.*"]
                    resources: [snmp://10.0.0.1, 8080]
                    discovery: [local_instances, "endpoint:compute"]
                    """);
            assertEquals("cpu_source", s.name());
            assertEquals(60, s.interval());
            assertEquals(List.of("cpu", "memory.*"), s.meters().patterns());
            assertEquals(List.of("snmp://10.0.0.1", "8080"), s.resources());
            assertEquals(List.of("local_instances", "endpoint:compute"), s.discovery());
            assertEquals(FILE, s.origin());
        }

        @Test
        void takesMissingOrNullResourcesAndDiscoveryAsEmpty() throws Exception {
            PollingSource missing = fromYaml("{name: cpu_source, interval: 60, meters: [cpu]}");
            PollingSource nulls = fromYaml("{name: cpu_source, interval: 60, meters: [cpu], resources: null, discovery: ~}");
            for (PollingSource s : List.of(missing, nulls)) {
                assertEquals(List.of(), s.resources());
                assertEquals(List.of(), s.discovery());
            }
        }

        @Test
        void ignoresUnknownKeys() throws Exception {
            PollingSource s = fromYaml("{name: cpu_source, interval: 60, meters: [cpu], sinks: [meter_sink], colour: 7}");
            assertEquals("cpu_source", s.name());
        }

        @Test
        void rejectsANullEntryByItsPosition() {
            InvalidSourceException e = assertThrows(InvalidSourceException.class,
                    () -> SourceParser.fromYaml(null, 2, FILE));
            assertNull(e.sourceName());
            assertNull(e.field());
            assertEquals(3, e.ordinal());
            assertTrue(e.getMessage().startsWith("polling source #3 (" + FILE + "): "), e.getMessage());
        }

        @Test
        void rejectsAnEntryThatIsNotAMapping() {
            for (Object entry : List.of("cpu_source", List.of("cpu"), 42)) {
                InvalidSourceException e = assertThrows(InvalidSourceException.class,
                        () -> SourceParser.fromYaml(entry, 0, FILE));
                assertNull(e.field());
                assertMentions(e, "polling source #1 (" + FILE + ")", "must be a mapping");
            }
        }

        @Test
        void rejectsAMissingNameNamingTheEntryByItsPosition() {
            InvalidSourceException e = assertThrows(InvalidSourceException.class,
                    () -> SourceParser.fromYaml(yaml("{interval: 60, meters: [cpu]}"), 2, FILE));
            assertEquals("polling source #3 (" + FILE + "): name: required", e.getMessage());
            assertNull(e.sourceName());
            assertEquals("name", e.field());
        }

        @Test
        void rejectsANullName() {
            InvalidSourceException e = assertThrows(InvalidSourceException.class,
                    () -> fromYaml("{name: null, interval: 60, meters: [cpu]}"));
            assertEquals("polling source #1 (" + FILE + "): name: required", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"''", "'  '"})
        void rejectsAnEmptyName(String name) {
            InvalidSourceException e = assertThrows(InvalidSourceException.class,
                    () -> fromYaml("{name: " + name + ", interval: 60, meters: [cpu]}"));
            assertEquals("name", e.field());
            assertMentions(e, "polling source #1", "name: must not be empty");
        }

        @Test
        void takesANumericNameAsItsText() throws Exception {
            assertEquals("123", fromYaml("{name: 123, interval: 60, meters: [cpu]}").name());
        }

        @Test
        void rejectsAYesNameThatYamlTurnedIntoABoolean() {
            InvalidSourceException e = assertThrows(InvalidSourceException.class,
                    () -> fromYaml("{name: yes, interval: 60, meters: [cpu]}"));
            assertEquals("name", e.field());
            assertMentions(e, "boolean", "quote it");
        }

        @Test
        void rejectsAListAsName() {
            InvalidSourceException e = assertThrows(InvalidSourceException.class,
                    () -> fromYaml("{name: [a], interval: 60, meters: [cpu]}"));
            assertEquals("name", e.field());
            assertMentions(e, "must be text, not a list");
        }

        @Test
        void rejectsGroupIdCoordinationExpressionBecauseItIsPythonCode() {
            InvalidSourceException e = rejectedYaml("""
                    name: cpu_source
                    interval: 60
                    meters: [cpu]
                    group_id_coordination_expression: "hash(resource) % 2"
                    """, "group_id_coordination_expression");
            assertMentions(e, "is not supported (it is Python code); use discovery groups");
        }

        @Test
        void rejectsGroupIdCoordinationExpressionEvenWhenNull() {
            rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu], group_id_coordination_expression: null}",
                    "group_id_coordination_expression");
        }

        @Test
        void rejectsAMissingInterval() {
            assertMentions(rejectedYaml("{name: cpu_source, meters: [cpu]}", "interval"), "interval: required");
        }

        @Test
        void rejectsANullIntervalInsteadOfFailingWithATypeError() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: null, meters: [cpu]}", "interval"), "required");
        }

        @Test
        void rejectsTrueAsIntervalInsteadOfTakingItAsOne() {
            InvalidSourceException e = rejectedYaml("{name: cpu_source, interval: true, meters: [cpu]}", "interval");
            assertMentions(e, "boolean true");
        }

        @Test
        void rejectsFalseAsInterval() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: false, meters: [cpu]}", "interval"),
                    "boolean false");
        }

        @Test
        void takesAnIntegerStringAsInterval() throws Exception {
            assertEquals(60, fromYaml("{name: cpu_source, interval: \"60\", meters: [cpu]}").interval());
            assertEquals(60, fromYaml("{name: cpu_source, interval: \" 60 \", meters: [cpu]}").interval());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"sixty\"", "\"60.0\"", "\"60s\"", "\"\""})
        void rejectsANonIntegerStringAsInterval(String interval) {
            InvalidSourceException e = rejectedYaml("{name: cpu_source, interval: " + interval + ", meters: [cpu]}",
                    "interval");
            assertMentions(e, "whole number of seconds", "the string");
        }

        @Test
        void rejectsAFractionalIntervalInsteadOfTruncatingIt() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60.9, meters: [cpu]}", "interval"), "60.9");
        }

        @Test
        void takesAFloatWithoutFractionAsItsInteger() throws Exception {
            assertEquals(60, fromYaml("{name: cpu_source, interval: 60.0, meters: [cpu]}").interval());
        }

        @ParameterizedTest
        @ValueSource(strings = {".inf", ".nan", "-.inf"})
        void rejectsInfiniteOrNaNInterval(String interval) {
            rejectedYaml("{name: cpu_source, interval: " + interval + ", meters: [cpu]}", "interval");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-60", "\"0\"", "-0.0"})
        void rejectsAnIntervalThatIsNotPositive(String interval) {
            assertMentions(rejectedYaml("{name: cpu_source, interval: " + interval + ", meters: [cpu]}", "interval"),
                    "must be > 0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2147483648", "99999999999", "99999999999999999999999", "\"3000000000\"", "1.0e+12"})
        void rejectsAnIntervalThatOverflowsAnInt(String interval) {
            assertMentions(rejectedYaml("{name: cpu_source, interval: " + interval + ", meters: [cpu]}", "interval"),
                    "too large");
        }

        @Test
        void acceptsTheLargestIntInterval() throws Exception {
            assertEquals(Integer.MAX_VALUE,
                    fromYaml("{name: cpu_source, interval: 2147483647, meters: [cpu]}").interval());
        }

        @Test
        void rejectsAListAsInterval() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: [60], meters: [cpu]}", "interval"), "a list");
        }

        @Test
        void rejectsMissingMeters() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60}", "meters"), "meters: required");
        }

        @Test
        void rejectsNullMeters() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: null}", "meters"), "required");
        }

        @Test
        void rejectsABareStringAsMetersInsteadOfIteratingItsCharacters() {
            InvalidSourceException e = rejectedYaml("{name: cpu_source, interval: 60, meters: cpu}", "meters");
            assertMentions(e, "meters: must be a list, not the string \"cpu\" (write [cpu])");
        }

        @Test
        void rejectsAMappingAsMeters() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: {cpu: 1}}", "meters"),
                    "must be a list, not a mapping");
        }

        @Test
        void rejectsAnEmptyMetersList() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: []}", "meters"), "must not be empty");
        }

        @Test
        void rejectsANullMeterEntry() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu, null]}", "meters"),
                    "entry #2 is empty");
        }

        @Test
        void rejectsAnEmptyMeterEntryWhereCeilometerCrashes() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [\"\"]}", "meters"), "entry #1 is empty");
        }

        @Test
        void rejectsABareExclamationMarkAsMeter() {
            rejectedYaml("{name: cpu_source, interval: 60, meters: [\"!\"]}", "meters");
        }

        @Test
        void rejectsIncludedAndExcludedMetersTogether() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu, \"!memory.usage\"]}", "meters"),
                    "both included and excluded");
        }

        @Test
        void rejectsIncludedMetersBesideTheWildcard() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [\"*\", cpu]}", "meters"), "wildcard");
        }

        @Test
        void acceptsTheListsCeilometerAccepts() throws Exception {
            for (String meters : List.of("[\"*.bytes\", \"!cpu\"]", "[\"*\", \"*.bytes\"]", "[\"disk.*\", cpu]",
                    "[\"*\", \"!cpu\"]")) {
                fromYaml("{name: cpu_source, interval: 60, meters: " + meters + "}");
            }
        }

        @Test
        void rejectsABooleanMeterEntry() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [on]}", "meters"),
                    "entry #1 must be text, not the boolean true");
        }

        @Test
        void rejectsANestedListAsMeterEntry() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [[cpu]]}", "meters"),
                    "entry #1 must be text, not a list");
        }

        @Test
        void takesANumericMeterAsItsText() throws Exception {
            assertEquals(List.of("42"), fromYaml("{name: cpu_source, interval: 60, meters: [42]}").meters().patterns());
        }

        @Test
        void rejectsABareStringAsResources() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu], resources: snmp://h}",
                    "resources"), "must be a list, not the string \"snmp://h\" (write [snmp://h])");
        }

        @Test
        void rejectsAMappingAsResources() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu], resources: {a: b}}",
                    "resources"), "must be a list");
        }

        @Test
        void rejectsAnEmptyOrNullResourceEntry() {
            rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu], resources: [\"\"]}", "resources");
            rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu], resources: [a, null]}", "resources");
        }

        @Test
        void rejectsAMappingAsResourceEntry() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu], resources: [{url: x}]}",
                    "resources"), "entry #1 must be text, not a mapping");
        }

        @Test
        void rejectsABareStringAsDiscovery() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu], discovery: local_instances}",
                    "discovery"), "must be a list, not the string \"local_instances\" (write [local_instances])");
        }

        @Test
        void rejectsADiscoveryUrlWithoutAName() {
            assertMentions(rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu], discovery: [\":compute\"]}",
                    "discovery"), "entry #1", "\":compute\"", "no discovery name");
        }

        @Test
        void rejectsAnEmptyDiscoveryEntry() {
            rejectedYaml("{name: cpu_source, interval: 60, meters: [cpu], discovery: [local_instances, \"\"]}",
                    "discovery");
        }

        @Test
        void reportsTheFirstProblemInFieldOrder() {
            rejectedYaml("{name: cpu_source, interval: 0, meters: cpu, discovery: x}", "interval");
        }
    }

    @Nested
    class ConfigForm {

        @Test
        void parsesCommaSeparatedListsAsCfgFilesWriteThem() throws Exception {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("name", "cpu_source");
            props.put("interval", "60");
            props.put("meters", "cpu, memory.usage ,disk.*");
            props.put("resources", "snmp://10.0.0.1");
            props.put("discovery", "local_instances, endpoint:compute");
            PollingSource s = SourceParser.fromConfig(props, PID);
            assertEquals("cpu_source", s.name());
            assertEquals(60, s.interval());
            assertEquals(List.of("cpu", "memory.usage", "disk.*"), s.meters().patterns());
            assertEquals(List.of("snmp://10.0.0.1"), s.resources());
            assertEquals(List.of("local_instances", "endpoint:compute"), s.discovery());
            assertEquals(PID, s.origin());
        }

        @Test
        void takesOneItemWithoutCommaAsAOneElementList() throws Exception {
            assertEquals(List.of("cpu"), SourceParser.fromConfig(config("meters", "cpu"), PID).meters().patterns());
        }

        @Test
        void acceptsArraysAndCollections() throws Exception {
            PollingSource s = SourceParser.fromConfig(Map.of("name", "cpu_source", "interval", 60,
                    "meters", new String[] {"cpu", "memory.usage"}, "discovery", List.of("local_instances")), PID);
            assertEquals(List.of("cpu", "memory.usage"), s.meters().patterns());
            assertEquals(List.of("local_instances"), s.discovery());
        }

        @Test
        void acceptsIntervalAsIntegerLongOrString() throws Exception {
            assertEquals(60, SourceParser.fromConfig(config("interval", 60), PID).interval());
            assertEquals(60, SourceParser.fromConfig(config("interval", 60L), PID).interval());
            assertEquals(60, SourceParser.fromConfig(config("interval", "60"), PID).interval());
            assertEquals(60, SourceParser.fromConfig(config("interval", new BigDecimal("60.00")), PID).interval());
        }

        @Test
        void ignoresConfigAdminsOwnProperties() throws Exception {
            Map<String, Object> props = config("service.pid", "org.alidade.polling.source~cpu");
            props.put("service.factoryPid", "org.alidade.polling.source");
            props.put("service.bundleLocation", "?");
            props.put("felix.fileinstall.filename", "file:/opt/alidade/etc/org.alidade.polling.source-cpu.cfg");
            props.put("component.name", "org.alidade.agent.core.config.ConfiguredSource");
            props.put("component.id", 12L);
            assertEquals("cpu_source", SourceParser.fromConfig(props, PID).name());
        }

        @Test
        void takesABlankOptionalListAsEmpty() throws Exception {
            Map<String, Object> props = config("resources", "");
            props.put("discovery", "  ");
            PollingSource s = SourceParser.fromConfig(props, PID);
            assertEquals(List.of(), s.resources());
            assertEquals(List.of(), s.discovery());
        }

        @Test
        void rejectsBlankMeters() {
            assertMentions(rejectedConfig(config("meters", " "), "meters"), "must not be empty");
        }

        @ParameterizedTest
        @ValueSource(strings = {"cpu,,memory.usage", "cpu,", ",cpu", "cpu, ,disk.*"})
        void rejectsAnEmptyItemInACommaSeparatedList(String meters) {
            assertMentions(rejectedConfig(config("meters", meters), "meters"), "is empty", meters);
        }

        @Test
        void rejectsAnEmptyItemInACommaSeparatedResourceList() {
            assertMentions(rejectedConfig(config("resources", "a,,b"), "resources"), "item #2");
        }

        @Test
        void rejectsANullOrEmptyArrayItem() {
            rejectedConfig(config("meters", new String[] {"cpu", null}), "meters");
            rejectedConfig(config("meters", Arrays.asList("cpu", "")), "meters");
        }

        @Test
        void rejectsAMissingNameNamingOnlyTheOrigin() {
            InvalidSourceException e = assertThrows(InvalidSourceException.class,
                    () -> SourceParser.fromConfig(config("name", null), PID));
            assertEquals("polling source (" + PID + "): name: required", e.getMessage());
            assertNull(e.sourceName());
            assertEquals("name", e.field());
        }

        @Test
        void rejectsAnEmptyName() {
            InvalidSourceException e = assertThrows(InvalidSourceException.class,
                    () -> SourceParser.fromConfig(config("name", ""), PID));
            assertEquals("name", e.field());
        }

        @Test
        void rejectsAMissingInterval() {
            assertMentions(rejectedConfig(config("interval", null), "interval"), "required");
        }

        @Test
        void rejectsTrueAsIntervalInsteadOfTakingItAsOne() {
            assertMentions(rejectedConfig(config("interval", Boolean.TRUE), "interval"), "boolean true");
        }

        @Test
        void rejectsANonIntegerStringAsInterval() {
            assertMentions(rejectedConfig(config("interval", "1m"), "interval"), "the string \"1m\"");
        }

        @Test
        void rejectsAFractionalInterval() {
            rejectedConfig(config("interval", 0.5d), "interval");
        }

        @Test
        void rejectsAZeroInterval() {
            assertMentions(rejectedConfig(config("interval", "0"), "interval"), "must be > 0");
        }

        @Test
        void rejectsALongIntervalThatOverflowsAnInt() {
            assertMentions(rejectedConfig(config("interval", 3_000_000_000L), "interval"), "too large");
        }

        @Test
        void rejectsAMissingMeters() {
            assertMentions(rejectedConfig(config("meters", null), "meters"), "required");
        }

        @Test
        void wrapsTheMeterSelectorRules() {
            assertMentions(rejectedConfig(config("meters", "cpu, !memory.usage"), "meters"), "both included and excluded");
            assertMentions(rejectedConfig(config("meters", "*, cpu"), "meters"), "wildcard");
        }

        @Test
        void rejectsADiscoveryUrlWithoutAName() {
            assertMentions(rejectedConfig(config("discovery", "local_instances, :compute"), "discovery"),
                    "entry #2", "\":compute\"");
        }

        @Test
        void rejectsGroupIdCoordinationExpression() {
            assertMentions(rejectedConfig(config("group_id_coordination_expression", "x"),
                    "group_id_coordination_expression"), "is not supported (it is Python code)");
        }

        @Test
        void rejectsAListTypeItCannotRead() {
            assertMentions(rejectedConfig(config("meters", 5), "meters"), "must be a list, not the number 5");
        }

        @Test
        void yieldsTheSameSourceAsTheYamlForm() throws Exception {
            PollingSource fromConfig = SourceParser.fromConfig(Map.of("name", "cpu_source", "interval", "300",
                    "meters", "cpu, memory.usage", "discovery", "local_instances"), FILE);
            PollingSource fromYaml = fromYaml(
                    "{name: cpu_source, interval: 300, meters: [cpu, memory.usage], discovery: [local_instances]}");
            assertEquals(fromYaml, fromConfig);
            assertFalse(fromConfig.meters().selects("disk.device.read.bytes"));
        }
    }
}
