package org.alidade.pollster.central.dynamic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.alidade.api.SampleType;

/**
 * One validated dynamic pollster definition (reference §6.3). Built by {@link DefinitionParser};
 * two definitions are the same when their YAML is the same ({@link #raw}).
 *
 * @param valueAttribute  single-metric: the value path; {@code null} for multi-metric
 * @param multi           multi-metric: where the sub-metrics are; {@code null} for single-metric
 * @param metadataFields  {@code null} when the definition has none (then samples have no metadata)
 * @param userId          {@code null} when the default ({@code user_id}) applies
 * @param basicAuth       non-OpenStack with {@code requests.auth.HTTPBasicAuth}: its credentials
 *                        from {@code authentication_parameters}, or {@code null} (then the
 *                        resource, from {@code barbican:<secret>}, carries them)
 */
public record Definition(Path file, Map<String, Object> raw, String name, SampleType sampleType, String unit,
        AttributePath valueAttribute, Multi multi, boolean openStack, String endpointType, String urlPath,
        List<AttributePath> metadataFields, List<Object> skipSampleValues, Map<Object, Object> valueMapping,
        Object defaultValue, Map<String, String> metadataMapping, boolean preserveMappedMetadata,
        AttributePath responseEntriesKey, AttributePath nextSampleUrlAttribute, AttributePath userId,
        AttributePath projectId, AttributePath resourceId, Map<String, String> headers, Duration timeout,
        List<String> responseHandlers, List<String> namespaces, String basicAuth, String barbicanSecretId) {

    /**
     * {@code name: x.{placeholder}}, {@code value_attribute: [listAttr].sub.path}.
     */
    public record Multi(String placeholder, String listAttribute, List<String> subPath) {
    }

    /** The discovery used when a source gives none (reference §6.1). */
    public String defaultDiscovery() {
        return openStack ? "endpoint:" + endpointType : "barbican:" + (barbicanSecretId == null ? "" : barbicanSecretId);
    }
}
