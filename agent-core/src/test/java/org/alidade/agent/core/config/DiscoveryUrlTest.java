package org.alidade.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reference §1.9: how a discovery URL splits into name and parameter. */
class DiscoveryUrlTest {

    @ParameterizedTest(name = "{0} -> ({1}, {2})")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            local_instances        | local_instances | null
            endpoint:compute       | endpoint | compute
            endpoint:object-store  | endpoint | object-store
            barbican:              | barbican | ''
            barbican:abc-123       | barbican | abc-123
            endpoint://foo/bar     | endpoint | foo/bar
            """)
    void splitsNameAndParameterLikeCeilometer(String url, String name, String param) {
        assertEquals(new DiscoveryUrl(name, param), DiscoveryUrl.parse(url));
    }

    @Test
    void takesAUrlWithoutColonAsANameWithNoParameter() {
        DiscoveryUrl url = DiscoveryUrl.parse("local_instances");
        assertEquals("local_instances", url.name());
        assertNull(url.param());
    }

    @Test
    void tellsAnEmptyParameterFromNoParameter() {
        assertEquals("", DiscoveryUrl.parse("barbican:").param());
        assertNull(DiscoveryUrl.parse("barbican").param());
    }

    @Test
    void splitsAtTheFirstColonOnly() {
        assertEquals(new DiscoveryUrl("x", "a:b"), DiscoveryUrl.parse("x:a:b"));
    }

    @Test
    void splitsANameWithUnderscoresThatPythonWouldNotTakeAsAScheme() {
        assertEquals(new DiscoveryUrl("local_instances", "x"), DiscoveryUrl.parse("local_instances:x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local_instances", "endpoint:compute", "endpoint:object-store", "barbican:",
            "barbican:abc-123", "x:a:b", "endpoint:////x"})
    void givesBackTheUrlItWasParsedFrom(String url) {
        assertEquals(url, DiscoveryUrl.parse(url).toString());
    }

    @Test
    void givesBackAnEquivalentUrlForTheDoubleSlashForm() {
        DiscoveryUrl url = DiscoveryUrl.parse("endpoint://foo/bar");
        assertEquals("endpoint:foo/bar", url.toString());
        assertEquals(url, DiscoveryUrl.parse(url.toString()));
    }

    @Test
    void keepsTheSlashesOfAParameterThatStartsWithThem() {
        DiscoveryUrl url = new DiscoveryUrl("endpoint", "//x");
        assertEquals(url, DiscoveryUrl.parse(url.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {":compute", ":", " :x"})
    void rejectsAUrlWithNothingBeforeTheColon(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiscoveryUrl.parse(url));
        assertTrue(e.getMessage().contains("\"" + url + "\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void rejectsAnEmptyUrl(String url) {
        assertThrows(IllegalArgumentException.class, () -> DiscoveryUrl.parse(url));
    }

    @Test
    void refusesToBuildOneWhoseNameHasAColon() {
        assertThrows(IllegalArgumentException.class, () -> new DiscoveryUrl("a:b", null));
    }
}
