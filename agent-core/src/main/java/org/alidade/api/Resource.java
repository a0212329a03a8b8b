package org.alidade.api;

import java.util.Map;
import java.util.Objects;

/**
 * Something to poll: an instance, a host, an endpoint URL, … Two resources are equal when
 * their ids are equal; that is how the engine de-duplicates a resource that several sources
 * or discoveries return in one cycle.
 *
 * <p>{@code metadata} is what the discovery knows about the resource; {@code payload} is an
 * opaque object a family may attach for its own pollsters (e.g. a parsed domain description).
 */
public final class Resource {

    private final String id;
    private final Map<String, Object> metadata;
    private final Object payload;

    private Resource(String id, Map<String, Object> metadata, Object payload) {
        this.id = Objects.requireNonNull(id, "resource id");
        this.metadata = JsonValues.copyMap(metadata, "resource metadata");
        this.payload = payload;
    }

    /** A resource known only by its id, e.g. a static resource URL of a polling source. */
    public static Resource of(String id) {
        return new Resource(id, Map.of(), null);
    }

    /** A resource with metadata (JSON-typed values, see {@link Sample}). */
    public static Resource of(String id, Map<String, ?> metadata) {
        return new Resource(id, JsonValues.untyped(metadata), null);
    }

    /** A resource with metadata and a family-private payload. */
    public static Resource of(String id, Map<String, ?> metadata, Object payload) {
        return new Resource(id, JsonValues.untyped(metadata), payload);
    }

    public String id() {
        return id;
    }

    /** Immutable; keeps JSON types. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The family-private payload, or {@code null}. */
    public Object payload() {
        return payload;
    }

    /** The payload as the given type, or {@code null} when absent or of another type. */
    public <T> T payload(Class<T> type) {
        return type.isInstance(payload) ? type.cast(payload) : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resource r && r.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** The id: used in logs and as the partitioning key. */
    @Override
    public String toString() {
        return id;
    }
}
