package org.alidade.agent.core.message;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map over a key set that many maps share (the meter message's): one array of
 * values per map, the keys and their sorted order once per {@link Shape}. A signed message in a
 * sink's queue costs a fifth of a {@code LinkedHashMap}, and the signer walks it in key order
 * without sorting.
 */
final class FixedKeyMap extends AbstractMap<String, Object> {

    /** Keys in insertion order and their order by code point (Python's sort). */
    static final class Shape {
        private final String[] keys;
        private final int[] sorted;
        /** Each key as UTF-8, as the signature's pairs name it at the top level. */
        private final byte[][] utf8;
        /** Each key as JSON writes it before its value, with the separator before it: {@code , "key": }. */
        private final String[] jsonKeys;
        /** Where {@link Signer#SIGNATURE_KEY} is, or -1. */
        private final int signature;

        Shape(String... keys) {
            this.keys = keys.clone();
            Integer[] order = new Integer[keys.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> PythonText.compareCodePoints(keys[a], keys[b]));
            this.sorted = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
            this.signature = Arrays.asList(keys).indexOf(Signer.SIGNATURE_KEY);
            this.jsonKeys = new String[keys.length];
            this.utf8 = new byte[keys.length][];
            for (int i = 0; i < keys.length; i++) {
                utf8[i] = keys[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                StringBuilder sb = new StringBuilder();
                PythonJson.string(sb, keys[i]);
                jsonKeys[i] = (i == 0 ? "" : ", ") + sb.append(": ");
            }
        }

        int size() {
            return keys.length;
        }
    }

    private final Shape shape;
    private final Object[] values;

    /**
     * {@code values} in the shape's key order; the array is taken, not copied. It may be longer than
     * the shape: the map holds its first {@code shape.size()} values (a message being signed is a
     * view of the array its signed form is made of).
     */
    FixedKeyMap(Shape shape, Object[] values) {
        if (values.length < shape.keys.length) {
            throw new IllegalArgumentException(values.length + " values for " + shape.keys.length + " keys");
        }
        this.shape = shape;
        this.values = values;
    }

    Shape shape() {
        return shape;
    }

    /** Key {@code i} as JSON writes it before its value. */
    String jsonKey(int i) {
        return shape.jsonKeys[i];
    }

    String key(int i) {
        return shape.keys[i];
    }

    Object value(int i) {
        return values[i];
    }

    /** Key {@code i} as UTF-8. */
    byte[] keyBytes(int i) {
        return shape.utf8[i];
    }

    /**
     * Where the signature is, or -1. A map of this class is made only by {@link MeterMessage} and
     * {@link Signer}: the value there is the signature the Signer made, lowercase hex (or empty).
     */
    int signatureIndex() {
        return shape.signature;
    }

    /** Indexes in key order by code point. */
    int[] sortedOrder() {
        return shape.sorted;
    }

    /** The values, a copy of the array (to build a map of a related shape). */
    Object[] values(int length) {
        return Arrays.copyOf(values, length);
    }

    private int indexOf(Object key) {
        String[] keys = shape.keys;
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
        return shape.keys.length;
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
                        return i < shape.keys.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (i >= shape.keys.length) {
                            throw new NoSuchElementException();
                        }
                        int at = i++;
                        return new SimpleImmutableEntry<>(shape.keys[at], values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return shape.keys.length;
            }
        };
    }
}
