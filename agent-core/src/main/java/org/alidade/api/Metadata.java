package org.alidade.api;

import java.util.Map;
import java.util.function.Function;

/**
 * Resource metadata as samples and resources hold it: checked, deeply immutable maps of JSON
 * values (see {@link Sample}), shared by every sample that carries them without a copy.
 *
 * <p>A family whose samples of one resource carry the same metadata, or the resource's metadata
 * with a key or two more (a disk's {@code disk_name}), makes it once with {@link #of} and
 * {@link #with} and hands the same map to each sample: then the texts the agent derives from
 * the metadata for the signature and the JSON are made once per map, not once per sample.
 *
 * @since API 1.3
 */
public final class Metadata {

    private Metadata() {
    }

    /**
     * The frozen copy of {@code values} (the map itself when it is frozen already).
     *
     * @throws IllegalArgumentException naming the key whose value has no JSON type
     */
    public static Map<String, Object> of(Map<String, ?> values) {
        return JsonValues.copyMap(JsonValues.untyped(values), "metadata");
    }

    /**
     * {@code base} with the entries of {@code changes} set: keys of {@code base} keep their
     * place, new keys follow in the order of {@code changes} (as {@code dict.update} does). The
     * result remembers {@code base}, so that what was derived from it is reused.
     */
    public static Map<String, Object> with(Map<String, ?> base, Map<String, ?> changes) {
        return JsonValues.with(JsonValues.copyMap(JsonValues.untyped(base), () -> "metadata"),
                JsonValues.copyMap(JsonValues.untyped(changes), () -> "metadata changes"));
    }

    /** Whether {@code map} is frozen (made here, by a {@link Sample} or by a {@link Resource}). */
    public static boolean isFrozen(Map<?, ?> map) {
        return map instanceof JsonValues.FrozenMap;
    }

    /** The frozen map that {@code map} was made from by {@link #with}, or {@code null}. */
    public static Map<String, Object> base(Map<?, ?> map) {
        return map instanceof JsonValues.Overlay o ? o.base : null;
    }

    /** The changes {@link #with} applied to make {@code map}: empty unless {@link #base} is not {@code null}. */
    public static Map<String, Object> changes(Map<?, ?> map) {
        return map instanceof JsonValues.Overlay o ? o.changes : JsonValues.EMPTY;
    }

    /**
     * A value derived from a frozen map, computed on first use for each {@code key} and kept
     * with the map while it lives (a map that is not frozen computes it each time). Keys are
     * compared with {@code equals}; {@code compute} must be a pure function of the map.
     */
    @SuppressWarnings("unchecked")
    public static <T> T derived(Map<String, ?> map, Object key, Function<? super Map<String, Object>, ? extends T> compute) {
        if (map instanceof JsonValues.FrozenMap f) {
            return f.derived(key, compute);
        }
        return compute.apply((Map<String, Object>) map);
    }
}
