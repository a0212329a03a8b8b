package org.alidade.api;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
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

    /**
     * A checked, immutable map. It keeps what {@link Metadata#derived} computes from it, so that
     * texts of metadata shared by many samples are made once.
     */
    abstract static class FrozenMap extends AbstractMap<String, Object> implements Frozen {
        /** Derived values: key, value, key, value, … (copy on write; a handful at most). */
        private volatile Object[] memo = NO_MEMO;

        @SuppressWarnings("unchecked")
        <T> T derived(Object key, Function<? super Map<String, Object>, ? extends T> compute) {
            Object[] m = memo;
            for (int i = 0; i < m.length; i += 2) {
                if (m[i].equals(key)) {
                    return (T) m[i + 1];
                }
            }
            T value = Objects.requireNonNull(compute.apply(this), "derived value");
            synchronized (this) {
                Object[] now = memo;
                for (int i = 0; i < now.length; i += 2) {
                    if (now[i].equals(key)) {
                        return (T) now[i + 1]; // another thread was quicker: keep one
                    }
                }
                Object[] grown = Arrays.copyOf(now, now.length + 2);
                grown[now.length] = key;
                grown[now.length + 1] = value;
                memo = grown;
            }
            return value;
        }
    }

    /**
     * A frozen map of its own entries: keys and values in two arrays, in insertion order (a
     * metadata map is some thirty short entries: arrays take a third of a {@code LinkedHashMap}'s
     * memory, and a linear look-up is as quick at that size).
     */
    static final class ArrayMap extends FrozenMap {
        final String[] keys;
        final Object[] values;

        ArrayMap(String[] keys, Object[] values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < keys.length;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (i >= keys.length) {
                                throw new NoSuchElementException();
                            }
                            int at = i++;
                            return new SimpleImmutableEntry<>(keys[at], values[at]);
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
        }

        int indexOf(Object key) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Object get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : values[i];
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public int size() {
            return keys.length;
        }
    }

    /**
     * A frozen map made by {@link Metadata#with}: what it was made from and the changes, without a
     * copy of the base's entries (a disk's metadata is the instance's plus {@code disk_name}).
     */
    static final class Overlay extends FrozenMap {
        final ArrayMap base;
        final ArrayMap changes;
        /** For each change, the index of the base key it replaces, or -1 when it is a new key. */
        private final int[] replaces;
        private final int size;

        Overlay(ArrayMap base, ArrayMap changes) {
            this.base = base;
            this.changes = changes;
            this.replaces = new int[changes.keys.length];
            int added = 0;
            for (int j = 0; j < replaces.length; j++) {
                replaces[j] = base.indexOf(changes.keys[j]);
                added += replaces[j] < 0 ? 1 : 0;
            }
            this.size = base.keys.length + added;
        }

        @Override
        public Object get(Object key) {
            int j = changes.indexOf(key);
            return j >= 0 ? changes.values[j] : base.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return changes.indexOf(key) >= 0 || base.indexOf(key) >= 0;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int i; // base entries first, then the new keys of the changes
                        private int j = nextAdded(0);

                        private int nextAdded(int from) {
                            int k = from;
                            while (k < replaces.length && replaces[k] >= 0) {
                                k++;
                            }
                            return k;
                        }

                        @Override
                        public boolean hasNext() {
                            return i < base.keys.length || j < replaces.length;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (i < base.keys.length) {
                                int at = i++;
                                for (int k = 0; k < replaces.length; k++) {
                                    if (replaces[k] == at) {
                                        return new SimpleImmutableEntry<>(base.keys[at], changes.values[k]);
                                    }
                                }
                                return new SimpleImmutableEntry<>(base.keys[at], base.values[at]);
                            }
                            if (j >= replaces.length) {
                                throw new NoSuchElementException();
                            }
                            int at = j;
                            j = nextAdded(j + 1);
                            return new SimpleImmutableEntry<>(changes.keys[at], changes.values[at]);
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
    }

    private static final Object[] NO_MEMO = new Object[0];

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

    static final ArrayMap EMPTY = new ArrayMap(new String[0], new Object[0]);

    @SuppressWarnings("unchecked")
    static Map<String, Object> untyped(Map<String, ?> map) {
        return (Map<String, Object>) map;
    }

    static Map<String, Object> copyMap(Map<String, Object> map, String what) {
        return copyMap(map, what, "");
    }

    /**
     * {@link #copyMap(Map, Supplier)} with the message {@code what + of}, made only on failure: a
     * frozen map (what pollsters hand over for every sample) is taken without a lambda allocated.
     */
    static Map<String, Object> copyMap(Map<String, Object> map, String what, String of) {
        return map instanceof FrozenMap f ? f : copyMap(map, () -> what + of);
    }

    static FrozenMap copyMap(Map<String, Object> map, Supplier<String> what) {
        if (map instanceof FrozenMap f) {
            return f;
        }
        if (map == null || map.isEmpty()) {
            return EMPTY;
        }
        String[] keys = new String[map.size()];
        Object[] values = new Object[keys.length];
        int i = 0;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object k = e.getKey();
            if (k == null) {
                throw new IllegalArgumentException(what.get() + ": null key");
            }
            if (!(k instanceof String key)) {
                throw new IllegalArgumentException(what.get() + ": map keys must be strings, found " + k);
            }
            keys[i] = key;
            values[i++] = copy(e.getValue(), () -> what.get() + "." + key);
        }
        return new ArrayMap(SharedKeys.of(keys), values);
    }

    /**
     * The key arrays of frozen maps, one per distinct sequence of keys: the metadata maps of a
     * family's resources have the same keys in the same order (thirty-odd for an instance), so
     * thousands of maps share one array (and one set of key strings) instead of each holding a
     * copy. Bounded: past {@link #MAX} sequences a map keeps its own array.
     */
    private static final class SharedKeys {
        private static final int MAX = 4096;
        private static final java.util.concurrent.ConcurrentHashMap<SharedKeys, String[]> KNOWN =
                new java.util.concurrent.ConcurrentHashMap<>();

        private final String[] keys;
        private final int hash;

        private SharedKeys(String[] keys) {
            this.keys = keys;
            this.hash = Arrays.hashCode(keys);
        }

        static String[] of(String[] keys) {
            SharedKeys k = new SharedKeys(keys);
            String[] known = KNOWN.get(k);
            if (known != null) {
                return known;
            }
            if (KNOWN.size() >= MAX) {
                return keys;
            }
            known = KNOWN.putIfAbsent(k, keys);
            return known != null ? known : keys;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SharedKeys k && k.hash == hash && Arrays.equals(k.keys, keys);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** {@code base} with {@code changes} set: base keys keep their place, new keys follow in order. */
    static FrozenMap with(FrozenMap base, FrozenMap changes) {
        if (changes.isEmpty()) {
            return base;
        }
        if (base instanceof Overlay o) {
            // one level only: the renderers reuse what they made of the innermost base
            Map<String, Object> merged = new LinkedHashMap<>(o.changes);
            merged.putAll(changes);
            return new Overlay(o.base, (ArrayMap) copyMap(merged, () -> "metadata changes"));
        }
        ArrayMap plain = changes instanceof ArrayMap a ? a : (ArrayMap) copyMap(new LinkedHashMap<>(changes), () -> "");
        return new Overlay((ArrayMap) base, plain);
    }

    /** Whether {@code value} is a JSON scalar that is kept as it is (no copy, no check left). */
    private static boolean isPlainScalar(Object value) {
        return value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof BigInteger;
    }

    /** {@link #scalar(Object, Supplier)} with the message {@code what + of}, made only on failure. */
    static Object scalar(Object value, String what, String of) {
        return isPlainScalar(value) ? value : scalar(value, () -> what + of);
    }

    /** Checks a scalar (a sample volume). */
    static Object scalar(Object value, Supplier<String> what) {
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(what.get() + " must be a number, a string, a boolean or null, not a "
                    + (value instanceof Map ? "map" : "list"));
        }
        return copy(value, what);
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value, Supplier<String> what) {
        if (isPlainScalar(value) || value instanceof Frozen) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Map<?, ?> m) {
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
