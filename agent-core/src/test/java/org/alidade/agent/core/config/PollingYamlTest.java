package org.alidade.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a whole polling.yaml (reference §1.1): the file's problems versus one source's. */
class PollingYamlTest {

    /** Ceilometer 19.0.0 (Zed) etc/ceilometer/polling.yaml, as shipped in /etc/ceilometer. */
    static final String ZED_DEFAULT = """
            ---
            sources:
                - name: some_pollsters
                  interval: 300
                  meters:
                    - cpu
                    - cpu_l3_cache
                    - memory.usage
                    - network.incoming.bytes
                    - network.incoming.packets
                    - network.outgoing.bytes
                    - network.outgoing.packets
                    - disk.device.read.bytes
                    - disk.device.read.requests
                    - disk.device.write.bytes
                    - disk.device.write.requests
                    - hardware.cpu.util
                    - hardware.cpu.user
                    - hardware.cpu.nice
                    - hardware.cpu.system
                    - hardware.cpu.idle
                    - hardware.cpu.wait
                    - hardware.cpu.kernel
                    - hardware.cpu.interrupt
                    - hardware.memory.used
                    - hardware.memory.total
                    - hardware.memory.buffer
                    - hardware.memory.cached
                    - hardware.memory.swap.avail
                    - hardware.memory.swap.total
                    - hardware.system_stats.io.outgoing.blocks
                    - hardware.system_stats.io.incoming.blocks
                    - hardware.network.ip.incoming.datagrams
                    - hardware.network.ip.outgoing.datagrams
            """;

    /** Ceilometer 19.0.0 etc/ceilometer/polling_all.yaml. */
    static final String ZED_POLLING_ALL = """
            ---
            sources:
                - name: all_pollsters
                  interval: 300
                  meters:
                    - "*"
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertUnusable(PollingYaml.Result r, String... fragments) {
        assertNotNull(r.fileError(), "expected a file error");
        assertEquals(List.of(), r.sources());
        assertEquals(List.of(), r.rejected());
        for (String f : fragments) {
            assertTrue(r.fileError().contains(f), () -> "\"" + f + "\" not in: " + r.fileError());
        }
    }

    @Test
    void readsCeilometersShippedDefaultAsOneSource() throws IOException {
        Path file = write("polling.yaml", ZED_DEFAULT);
        PollingYaml.Result r = PollingYaml.read(file);
        assertNull(r.fileError());
        assertEquals(List.of(), r.rejected());
        assertEquals(1, r.sources().size());
        PollingSource s = r.sources().get(0);
        assertEquals("some_pollsters", s.name());
        assertEquals(300, s.interval());
        assertEquals(29, s.meters().patterns().size());
        assertEquals("cpu", s.meters().patterns().get(0));
        assertEquals(11, s.meters().patterns().stream().filter(m -> !m.startsWith("hardware.")).count());
        assertEquals(List.of(), s.resources());
        assertEquals(List.of(), s.discovery());
        assertEquals(file.toString(), s.origin());
    }

    @Test
    void selectsTheListedMetersOnlyWithTheShippedDefault() {
        MeterSelector meters = PollingYaml.parse(ZED_DEFAULT, "polling.yaml").sources().get(0).meters();
        assertTrue(meters.selects("cpu"));
        assertTrue(meters.selects("disk.device.write.requests"));
        assertFalse(meters.selects("power.state"));
        assertFalse(meters.selects("cpu_util"));
    }

    @Test
    void readsPollingAllAsOneSourceSelectingEverything() throws IOException {
        PollingYaml.Result r = PollingYaml.read(write("polling_all.yaml", ZED_POLLING_ALL));
        assertNull(r.fileError());
        assertEquals(1, r.sources().size());
        PollingSource s = r.sources().get(0);
        assertEquals("all_pollsters", s.name());
        assertEquals(300, s.interval());
        assertEquals(List.of("*"), s.meters().patterns());
        assertTrue(s.meters().selects("anything.at.all"));
    }

    @Test
    void keepsTheGoodSourceWhenAnotherIsBad() throws IOException {
        PollingYaml.Result r = PollingYaml.read(write("polling.yaml", """
                sources:
                  - name: cpu_source
                    interval: 0
                    meters: [cpu]
                  - name: memory_source
                    interval: 60
                    meters: [memory.usage]
                """));
        assertNull(r.fileError());
        assertEquals(List.of("memory_source"), r.sources().stream().map(PollingSource::name).toList());
        assertEquals(1, r.rejected().size());
        InvalidSourceException e = r.rejected().get(0);
        assertEquals("cpu_source", e.sourceName());
        assertEquals("interval", e.field());
        assertTrue(e.getMessage().contains("'cpu_source'"), e.getMessage());
    }

    @Test
    void keepsFileOrderForSourcesAndRejections() {
        PollingYaml.Result r = PollingYaml.parse("""
                sources:
                  - {name: a, interval: 60, meters: [cpu]}
                  - {interval: 60, meters: [cpu]}
                  - {name: b, interval: 60, meters: [cpu]}
                  - {name: c, interval: 60, meters: cpu}
                  - {name: d, interval: 60, meters: [cpu]}
                """, "test");
        assertEquals(List.of("a", "b", "d"), r.sources().stream().map(PollingSource::name).toList());
        assertEquals(2, r.rejected().size());
        assertEquals("polling source #2 (test): name: required", r.rejected().get(0).getMessage());
        assertEquals("c", r.rejected().get(1).sourceName());
    }

    @Test
    void rejectsASecondSourceWithTheSameNameInsteadOfMergingIt() {
        PollingYaml.Result r = PollingYaml.parse("""
                sources:
                  - {name: cpu_source, interval: 60, meters: [cpu]}
                  - {name: other, interval: 60, meters: [cpu]}
                  - {name: cpu_source, interval: 600, meters: [memory.usage]}
                """, "test");
        assertEquals(List.of("cpu_source", "other"), r.sources().stream().map(PollingSource::name).toList());
        assertEquals(60, r.sources().get(0).interval());
        assertEquals(1, r.rejected().size());
        InvalidSourceException e = r.rejected().get(0);
        assertEquals("name", e.field());
        assertEquals("polling source 'cpu_source' (test): name: duplicate of source #1 in this file", e.getMessage());
    }

    @Test
    void rejectsADuplicateOfAnInvalidSourceTooSoThatFixingTheFirstChangesNothingSilently() {
        PollingYaml.Result r = PollingYaml.parse("""
                sources:
                  - {name: cpu_source, interval: -1, meters: [cpu]}
                  - {name: cpu_source, interval: 60, meters: [cpu]}
                """, "test");
        assertEquals(List.of(), r.sources());
        assertEquals(List.of("interval", "name"), r.rejected().stream().map(InvalidSourceException::field).toList());
        assertTrue(r.rejected().get(1).getMessage().contains("duplicate of source #1"));
    }

    @Test
    void ignoresOtherTopLevelKeys() {
        PollingYaml.Result r = PollingYaml.parse("""
                sinks: [meter_sink]
                sources:
                  - {name: cpu_source, interval: 60, meters: [cpu]}
                """, "test");
        assertNull(r.fileError());
        assertEquals(1, r.sources().size());
    }

    @Test
    void takesAnEmptySourcesListAsNoSources() {
        PollingYaml.Result r = PollingYaml.parse("sources: []\n", "test");
        assertNull(r.fileError());
        assertEquals(List.of(), r.sources());
        assertEquals(List.of(), r.rejected());
    }

    @Test
    void reportsASyntaxErrorWithLineAndColumn() throws IOException {
        Path file = write("polling.yaml", """
                sources:
                  - name: cpu_source
                    interval: 60
                     meters: [cpu]
                """);
        assertUnusable(PollingYaml.read(file), file.toString(), "not valid YAML", "line 4", "column");
    }

    @Test
    void reportsAnUnclosedFlowSequence() {
        assertUnusable(PollingYaml.parse("sources: [\n", "test"), "test: not valid YAML", "line");
    }

    @Test
    void reportsAMissingSourcesKey() throws IOException {
        PollingYaml.Result r = PollingYaml.read(write("polling.yaml", "sinks: []\n"));
        assertUnusable(r, "sources required");
    }

    @Test
    void reportsAnEmptyFile() throws IOException {
        assertUnusable(PollingYaml.read(write("polling.yaml", "")), "empty");
    }

    @Test
    void reportsAFileOfOnlyComments() throws IOException {
        assertUnusable(PollingYaml.read(write("polling.yaml", "# nothing here\n---\n")), "empty");
    }

    @Test
    void reportsAMissingFile() {
        Path missing = dir.resolve("nope.yaml");
        assertUnusable(PollingYaml.read(missing), missing.toString(), "no such file");
    }

    @Test
    void reportsAFolderGivenAsTheFile() {
        assertUnusable(PollingYaml.read(dir), dir.toString(), "cannot read");
    }

    @Test
    void reportsATopLevelThatIsNotAMapping() {
        assertUnusable(PollingYaml.parse("- name: cpu_source\n", "test"), "top level must be a mapping", "a list");
    }

    @Test
    void reportsSourcesThatAreNotAList() {
        assertUnusable(PollingYaml.parse("sources: cpu_source\n", "test"), "sources must be a list", "cpu_source");
        assertUnusable(PollingYaml.parse("sources:\n", "test"), "sources must be a list, not null");
        assertUnusable(PollingYaml.parse("sources: {name: cpu_source}\n", "test"), "not a mapping");
    }

    @Test
    void reportsSeveralDocumentsInOneFile() {
        assertUnusable(PollingYaml.parse("sources: []\n---\nsources: []\n", "test"), "not valid YAML",
                "expected a single document");
    }

    @Test
    void reportsBytesThatAreNotUtf8() throws IOException {
        Path file = dir.resolve("polling.yaml");
        Files.write(file, new byte[] {'s', 'o', 'u', 'r', 'c', 'e', 's', ':', ' ', (byte) 0xff, (byte) 0xfe, 'x', '\n'});
        assertUnusable(PollingYaml.read(file), "not valid YAML", "not UTF-8");
    }

    @Test
    void readsAUtf16FileWithAByteOrderMark() throws IOException {
        Path file = dir.resolve("polling.yaml");
        Files.write(file, ("\uFEFF" + ZED_POLLING_ALL).getBytes(StandardCharsets.UTF_16LE));
        PollingYaml.Result r = PollingYaml.read(file);
        assertNull(r.fileError());
        assertEquals("all_pollsters", r.sources().get(0).name());
    }

    @Test
    void neverConstructsArbitraryClassesFromTags() {
        assertUnusable(PollingYaml.parse("sources: !!java.io.File [\"/etc/passwd\"]\n", "test"), "not valid YAML");
    }
}
