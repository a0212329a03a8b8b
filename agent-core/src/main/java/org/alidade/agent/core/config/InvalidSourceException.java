package org.alidade.agent.core.config;

import java.util.Objects;

/**
 * A polling source that cannot be used, with what is wrong in words a person can act on.
 *
 * <p>The message names the source, where it came from and the field:
 * {@code polling source 'cpu_source' (/etc/alidade/polling.yaml): interval: must be > 0, not 0}.
 * When the name itself is missing or unusable the source is named by its position instead
 * ({@code polling source #3 (/etc/alidade/polling.yaml): name: required}), or not at all when it
 * has no position (a ConfigAdmin configuration, whose origin identifies it already). A problem
 * with the whole entry has no field ({@code polling source #2 (…): must be a mapping …}).
 *
 * <p>Checked, because a caller reading configuration must decide what a bad source means for
 * the plan in force (keep the last valid one), rather than let it escape.
 */
public final class InvalidSourceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final int ordinal;
    private final String origin;
    private final String field;
    private final String problem;

    /**
     * @param sourceName the source's name, or null when it is missing or unusable
     * @param ordinal    the entry's position counting from 1, used only when {@code sourceName}
     *                   is null; 0 or less when it has none
     * @param origin     where the source came from, e.g. a file path or a configuration PID
     * @param field      the offending key ({@code interval}, {@code meters}, …), or null when
     *                   the problem is with the entry as a whole
     * @param problem    what is wrong, phrased to follow {@code "field: "} ({@code "required"},
     *                   {@code "must be > 0, not 0"})
     */
    public InvalidSourceException(String sourceName, int ordinal, String origin, String field,
            String problem) {
        super(format(sourceName, ordinal, origin, field, problem));
        this.sourceName = sourceName;
        this.ordinal = ordinal;
        this.origin = Objects.requireNonNull(origin, "origin");
        this.field = field;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The source's name, or null when the name itself is what is missing or unusable. */
    public String sourceName() {
        return sourceName;
    }

    /** The entry's position in its file counting from 1, or 0 or less when it has none. */
    public int ordinal() {
        return ordinal;
    }

    /** Where the source came from: a file path, a configuration PID. */
    public String origin() {
        return origin;
    }

    /** The offending key, or null when the problem is with the whole entry. */
    public String field() {
        return field;
    }

    /** What is wrong, without the source and field that {@link #getMessage()} adds. */
    public String problem() {
        return problem;
    }

    private static String format(String sourceName, int ordinal, String origin, String field,
            String problem) {
        StringBuilder m = new StringBuilder("polling source ");
        if (sourceName != null) {
            m.append('\'').append(sourceName).append("' ");
        } else if (ordinal > 0) {
            m.append('#').append(ordinal).append(' ');
        }
        m.append('(').append(origin).append("): ");
        if (field != null) {
            m.append(field).append(": ");
        }
        return m.append(problem).toString();
    }
}
