package org.alidade.api;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Deep, immutable copies of JSON-typed values. The message signature depends on the exact
 * JSON type of every value (reference §2.3: {@code 3.0} is not {@code 3}, {@code "1"} is not
 * {@code 1}, {@code null} is not absent), so only types with one JSON meaning are accepted:
 * {@code null}, {@link String}, {@link Boolean}, {@link Integer}, {@link Long},
 * {@link BigInteger}, {@link Double}, lists and string-keyed maps of those.
 *
 * <p>Copies are {@link Frozen} maps and lists: handing one to another sample or resource (the
 * resource's metadata into each of its samples, say) costs nothing, because a frozen value is
 * already checked and cannot change. Error paths are only built when there is an error.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** Marks the maps and lists made here: checked, deeply immutable. */
    interface Frozen {
    }

    private static final class FrozenMap extends AbstractMap<String, Object> implements Frozen {
        private final Map<String, Object> map;

        FrozenMap(Map<String, Object> map) {
            this.map = Collections.unmodifiableMap(map);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return map.entrySet();
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }
    }

    private static final class FrozenList extends AbstractList<Object> implements Frozen {
        private final Object[] items;

        FrozenList(Object[] items) {
            this.items = items;
        }

        @Override
        public Object get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }

    private static final Map<String, Object> EMPTY = new FrozenMap(Map.of());

    @SuppressWarnings("unchecked")
    static Map<String, Object> untyped(Map<String, ?> map) {
        return (Map<String, Object>) map;
    }

    static Map<String, Object> copyMap(Map<String, Object> map, String what) {
        return copyMap(map, () -> what);
    }

    private static Map<String, Object> copyMap(Map<String, Object> map, Supplier<String> what) {
        if (map == null || map.isEmpty()) {
            return EMPTY;
        }
        if (map instanceof Frozen) {
            return map;
        }
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 4 / 3 + 1));
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = e.getKey();
            if (key == null) {
                throw new IllegalArgumentException(what.get() + ": null key");
            }
            copy.put(key, copy(e.getValue(), () -> what.get() + "." + key));
        }
        return new FrozenMap(copy);
    }

    /** Checks a scalar (a sample volume). */
    static Object scalar(Object value, String what) {
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(what + " must be a number, a string, a boolean or null, not a "
                    + (value instanceof Map ? "map" : "list"));
        }
        return copy(value, () -> what);
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value, Supplier<String> what) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof Frozen
                || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw new IllegalArgumentException(what.get() + ": map keys must be strings, found " + k);
                }
            }
            return copyMap((Map<String, Object>) m, what);
        }
        if (value instanceof List<?> l) {
            Object[] items = new Object[l.size()];
            int i = 0;
            for (Object item : l) {
                int index = i;
                items[i++] = copy(item, () -> what.get() + "[" + index + "]");
            }
            return new FrozenList(items);
        }
        if (value instanceof Float) {
            throw new IllegalArgumentException(what.get() + " is a float: use a double, whose text is what gets signed");
        }
        throw new IllegalArgumentException(what.get() + " has no JSON type: " + value.getClass().getName());
    }
}
