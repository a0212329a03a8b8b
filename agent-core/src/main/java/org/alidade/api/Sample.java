package org.alidade.api;

import java.util.Map;

/**
 * One measurement, immutable. Built with {@link #builder()}.
 *
 * <p>The volume and the metadata values keep their JSON type exactly as the pollster produced
 * them (integer, floating point, string, boolean, null, lists, maps): the message signature
 * is computed over their Python text (reference §2.3), so {@code 3.0} and {@code 3} sign
 * differently. Allowed Java types: {@code null}, {@link String}, {@link Boolean},
 * {@link Integer}, {@link Long}, {@link java.math.BigInteger}, {@link Double}, and in metadata
 * also {@link java.util.List} and string-keyed {@link Map}s of those.
 *
 * <p>The engine overwrites {@link #timestamp()} with one timestamp per pollster call and
 * assigns a time-based id when {@link #id()} is {@code null}.
 */
public final class Sample {

    /** The {@code source} of a sample when the pollster names none ({@code [DEFAULT] sample_source}). */
    public static final String DEFAULT_SOURCE = "openstack";

    private final String name;
    private final SampleType type;
    private final String unit;
    private final Object volume;
    private final String userId;
    private final String userName;
    private final String projectId;
    private final String projectName;
    private final String resourceId;
    private final String timestamp;
    private final Map<String, Object> resourceMetadata;
    private final String source;
    private final String id;
    private final Double monotonicTime;

    private Sample(Builder b) {
        this.name = requireText(b.name, "sample name");
        // messages are made only on failure: a sample is built for every value polled, and a
        // capturing lambda per check was a third of what building one allocated
        if (b.type == null) {
            throw new NullPointerException("sample type of " + b.name);
        }
        if (b.unit == null) {
            throw new NullPointerException("sample unit of " + b.name + " (use \"\" for none)");
        }
        this.type = b.type;
        this.unit = b.unit;
        this.volume = JsonValues.scalar(b.volume, "volume of ", b.name);
        this.userId = b.userId;
        this.userName = b.userName;
        this.projectId = b.projectId;
        this.projectName = b.projectName;
        this.resourceId = b.resourceId;
        this.timestamp = b.timestamp;
        this.resourceMetadata = JsonValues.copyMap(b.resourceMetadata, "resource metadata of ", b.name);
        this.source = b.source == null ? DEFAULT_SOURCE : b.source;
        this.id = b.id;
        this.monotonicTime = b.monotonicTime;
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return s;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this sample's values. */
    public Builder toBuilder() {
        return new Builder().name(name).type(type).unit(unit).volume(volume).userId(userId).userName(userName)
                .projectId(projectId).projectName(projectName).resourceId(resourceId).timestamp(timestamp)
                .resourceMetadata(resourceMetadata).source(source).id(id).monotonicTime(monotonicTime);
    }

    public String name() { return name; }
    public SampleType type() { return type; }
    public String unit() { return unit; }
    /** {@code null}, a {@link String}, {@link Boolean}, {@link Integer}, {@link Long}, {@link java.math.BigInteger} or {@link Double}. */
    public Object volume() { return volume; }
    public String userId() { return userId; }
    public String userName() { return userName; }
    public String projectId() { return projectId; }
    public String projectName() { return projectName; }
    public String resourceId() { return resourceId; }
    /** Naive UTC ISO-8601 as set by the engine, or what the pollster set before that. */
    public String timestamp() { return timestamp; }
    /** Immutable; keeps JSON types; never {@code null}. */
    public Map<String, Object> resourceMetadata() { return resourceMetadata; }
    public String source() { return source; }
    /** The message id, or {@code null} for "assign a time-based UUID when signing". */
    public String id() { return id; }
    /** Seconds of a monotonic clock at inspection time, or {@code null}. */
    public Double monotonicTime() { return monotonicTime; }

    @Override
    public String toString() {
        return name + "{" + resourceId + " " + volume + " " + unit + " " + type.wireName() + "}";
    }

    /** Builds a {@link Sample}; {@code name}, {@code type} and {@code unit} are required. */
    public static final class Builder {
        private String name;
        private SampleType type;
        private String unit;
        private Object volume;
        private String userId;
        private String userName;
        private String projectId;
        private String projectName;
        private String resourceId;
        private String timestamp;
        private Map<String, Object> resourceMetadata;
        private String source;
        private String id;
        private Double monotonicTime;

        private Builder() {
        }

        public Builder name(String v) { name = v; return this; }
        public Builder type(SampleType v) { type = v; return this; }
        public Builder unit(String v) { unit = v; return this; }
        public Builder volume(Object v) { volume = v; return this; }
        public Builder userId(String v) { userId = v; return this; }
        public Builder userName(String v) { userName = v; return this; }
        public Builder projectId(String v) { projectId = v; return this; }
        public Builder projectName(String v) { projectName = v; return this; }
        public Builder resourceId(String v) { resourceId = v; return this; }
        public Builder timestamp(String v) { timestamp = v; return this; }
        public Builder resourceMetadata(Map<String, ?> v) { resourceMetadata = JsonValues.untyped(v); return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder id(String v) { id = v; return this; }
        public Builder monotonicTime(Double v) { monotonicTime = v; return this; }

        /** @throws IllegalArgumentException naming the field that is missing or has no JSON type */
        public Sample build() {
            return new Sample(this);
        }
    }
}
