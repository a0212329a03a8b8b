package org.alidade.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of JSON-typed values. The message signature depends on the exact
 * JSON type of every value (reference §2.3: {@code 3.0} is not {@code 3}, {@code "1"} is not
 * {@code 1}, {@code null} is not absent), so only types with one JSON meaning are accepted:
 * {@code null}, {@link String}, {@link Boolean}, {@link Integer}, {@link Long},
 * {@link BigInteger}, {@link Double}, lists and string-keyed maps of those.
 */
final class JsonValues {

    private JsonValues() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> untyped(Map<String, ?> map) {
        return (Map<String, Object>) map;
    }

    static Map<String, Object> copyMap(Map<String, Object> map, String what) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(what + ": null key");
            }
            copy.put(e.getKey(), copy(e.getValue(), what + "." + e.getKey()));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Checks a scalar (a sample volume). */
    static Object scalar(Object value, String what) {
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(what + " must be a number, a string, a boolean or null, not a "
                    + (value instanceof Map ? "map" : "list"));
        }
        return copy(value, what);
    }

    @SuppressWarnings("unchecked")
    static Object copy(Object value, String what) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof BigInteger || value instanceof Double) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw new IllegalArgumentException(what + ": map keys must be strings, found " + k);
                }
            }
            return copyMap((Map<String, Object>) m, what);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                copy.add(copy(l.get(i), what + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Float) {
            throw new IllegalArgumentException(what + " is a float: use a double, whose text is what gets signed");
        }
        throw new IllegalArgumentException(what + " has no JSON type: " + value.getClass().getName());
    }
}
