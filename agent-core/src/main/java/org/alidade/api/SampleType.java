package org.alidade.api;

/** The kind of a meter's values. */
public enum SampleType {
    /** A value at a point in time (e.g. memory in use). */
    GAUGE,
    /** A change since the previous sample (e.g. bytes since the last cycle). */
    DELTA,
    /** A counter that only grows (e.g. CPU time). */
    CUMULATIVE;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    /** The name on the wire: {@code gauge}, {@code delta}, {@code cumulative} (one string each). */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; throws {@link IllegalArgumentException} naming the bad value. */
    public static SampleType fromWireName(String name) {
        for (SampleType t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("sample type must be gauge, delta or cumulative, not '" + name + "'");
    }
}
