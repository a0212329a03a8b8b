package org.alidade.agent.core.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one polling source, as ConfigAdmin or a polling.yaml gives it, into a validated
 * {@link PollingSource}, or says precisely what is wrong with it.
 *
 * <p>The rules are Ceilometer's (reference §1.2, §1.3), except that where Python would accept
 * something by accident Alidade rejects it with a message:
 * <ul>
 * <li>{@code name} is required and must not be empty. A number is taken as its text
 *     ({@code 123} → {@code "123"}); a boolean is rejected, because YAML reads an unquoted
 *     {@code yes}/{@code on}/{@code true} as one and its text would not be what was written.</li>
 * <li>{@code interval} is a whole number of seconds, &gt; 0 and no larger than an {@code int}:
 *     an integer, an integer string ({@code "60"}), or a number with no fraction ({@code 60.0}).
 *     Python's {@code int()} would take {@code true} as 1 and truncate {@code 60.9}; those are
 *     rejected, as are {@code null} (a TypeError upstream) and strings such as {@code "60.0"}.</li>
 * <li>{@code meters} is a non-empty list of patterns valid for {@link MeterSelector#of}.</li>
 * <li>{@code resources} and {@code discovery} are lists; missing or null means empty. Every
 *     discovery entry must parse as a {@link DiscoveryUrl}.</li>
 * <li>Entries of the three lists must be non-empty text. A number is taken as its text
 *     ({@code 8080} → {@code "8080"}; a floating-point number in Java's spelling); booleans,
 *     nulls, mappings and lists are rejected.</li>
 * <li>{@code group_id_coordination_expression} (Ceilometer 25+) is rejected: it is Python code
 *     that Ceilometer evaluates inside the agent, which Alidade will not do.</li>
 * <li>Any other key is ignored, as upstream does; this covers ConfigAdmin's own properties
 *     ({@code service.pid}, {@code service.factoryPid}, {@code felix.fileinstall.filename},
 *     {@code component.*}, …).</li>
 * </ul>
 * The two forms differ only in how a list may be written: see {@link #fromConfig} and
 * {@link #fromYaml}. Only the first problem found is reported, checking name, then
 * {@code group_id_coordination_expression}, interval, meters, resources and discovery.
 */
public final class SourceParser {

    static final String NAME = "name";
    static final String INTERVAL = "interval";
    static final String METERS = "meters";
    static final String RESOURCES = "resources";
    static final String DISCOVERY = "discovery";
    static final String GROUP_EXPRESSION = "group_id_coordination_expression";

    /** How a list field may be written. */
    private enum Form {
        /** A ConfigAdmin property: a list, an array, or a comma-separated string. */
        CONFIG,
        /** A YAML node: a list only; a string is a mistake, not a one-element list. */
        YAML
    }

    /** Who a problem is about, so that every message names the source the same way. */
    private record Subject(String name, int ordinal, String origin) {
        InvalidSourceException fail(String field, String problem) {
            return new InvalidSourceException(name, ordinal, origin, field, problem);
        }
    }

    private SourceParser() {
    }

    /**
     * Parses a polling source from the properties of a ConfigAdmin factory configuration
     * ({@code org.alidade.polling.source}).
     *
     * <p>Values may be strings, numbers, arrays or collections. A list field ({@code meters},
     * {@code resources}, {@code discovery}) may also be one string of comma-separated items,
     * as {@code .cfg} files write lists ({@code meters = cpu, memory.usage}); the items are
     * trimmed, an empty item (a stray comma) is an error, and a blank string is an empty list.
     *
     * @param props  the configuration's properties
     * @param origin where they came from, for messages (e.g. {@code config org.alidade.polling.source~cpu})
     * @throws InvalidSourceException naming the source (when its name is usable) and the field
     */
    public static PollingSource fromConfig(Map<String, ?> props, String origin)
            throws InvalidSourceException {
        Objects.requireNonNull(props, "props");
        Objects.requireNonNull(origin, "origin");
        return parse(props, 0, origin, Form.CONFIG);
    }

    /**
     * Parses one entry of the {@code sources} list of a polling.yaml, as SnakeYAML's safe
     * constructor builds it (maps, lists, strings, numbers, booleans, null).
     *
     * <p>Unlike Ceilometer, a string where a list is expected ({@code meters: cpu}) is an
     * error: Python would iterate it character by character.
     *
     * @param entry  the entry as loaded
     * @param index  its position in the {@code sources} list counting from 0; messages show it
     *               counting from 1 ({@code #1} is the first entry), as a person reads the file
     * @param origin where it came from, for messages (usually the file's path)
     * @throws InvalidSourceException naming the source (or its position, when the name is not
     *                                usable) and the field
     */
    public static PollingSource fromYaml(Object entry, int index, String origin)
            throws InvalidSourceException {
        Objects.requireNonNull(origin, "origin");
        int ordinal = index + 1;
        if (entry == null) {
            throw new Subject(null, ordinal, origin).fail(null,
                    "is empty; each entry of sources must be a mapping with name, interval and meters");
        }
        if (!(entry instanceof Map<?, ?> map)) {
            throw new Subject(null, ordinal, origin).fail(null,
                    "must be a mapping with name, interval and meters, not " + describe(entry));
        }
        return parse(map, ordinal, origin, Form.YAML);
    }

    private static PollingSource parse(Map<?, ?> map, int ordinal, String origin, Form form)
            throws InvalidSourceException {
        String name = name(map.get(NAME), new Subject(null, ordinal, origin));
        Subject subject = new Subject(name, ordinal, origin);
        if (map.containsKey(GROUP_EXPRESSION)) {
            throw subject.fail(GROUP_EXPRESSION,
                    "is not supported (it is Python code); use discovery groups");
        }
        int interval = interval(map.get(INTERVAL), subject);
        MeterSelector meters = meters(map.get(METERS), form, subject);
        List<String> resources = list(map.get(RESOURCES), RESOURCES, form, subject);
        List<String> discovery = list(map.get(DISCOVERY), DISCOVERY, form, subject);
        for (int i = 0; i < discovery.size(); i++) {
            try {
                DiscoveryUrl.parse(discovery.get(i));
            } catch (IllegalArgumentException e) {
                throw subject.fail(DISCOVERY, "entry #" + (i + 1) + " " + e.getMessage());
            }
        }
        return new PollingSource(name, interval, meters, resources, discovery, origin);
    }

    private static String name(Object value, Subject subject) throws InvalidSourceException {
        if (value == null) {
            throw subject.fail(NAME, "required");
        }
        String text = text(value, "", NAME, subject);
        if (text.isBlank()) {
            throw subject.fail(NAME, "must not be empty");
        }
        return text;
    }

    private static int interval(Object value, Subject subject) throws InvalidSourceException {
        if (value == null) {
            throw subject.fail(INTERVAL, "required");
        }
        String wrong = "must be a whole number of seconds, not ";
        BigInteger seconds;
        if (value instanceof Boolean b) {
            // Python's int(True) is 1: a typo would silently poll every second.
            throw subject.fail(INTERVAL, wrong + "the boolean " + b + " (true is not 1)");
        } else if (value instanceof String s) {
            try {
                // Like Python's int(): surrounding blanks and a sign are fine, a fraction is not.
                seconds = new BigInteger(s.strip());
            } catch (NumberFormatException e) {
                throw subject.fail(INTERVAL, wrong + describe(value));
            }
        } else if (value instanceof Number n) {
            BigDecimal exact;
            if (value instanceof Double || value instanceof Float) {
                if (!Double.isFinite(n.doubleValue())) {
                    throw subject.fail(INTERVAL, wrong + n);
                }
                exact = new BigDecimal(n.doubleValue());
            } else if (value instanceof BigDecimal d) {
                exact = d;
            } else if (value instanceof BigInteger i) {
                exact = new BigDecimal(i);
            } else {
                exact = BigDecimal.valueOf(n.longValue());
            }
            try {
                // 60.0 is 60; 60.9 is a mistake, not 60 as Python's truncating int() has it.
                seconds = exact.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw subject.fail(INTERVAL, wrong + n);
            }
        } else {
            throw subject.fail(INTERVAL, wrong + describe(value));
        }
        if (seconds.signum() <= 0) {
            throw subject.fail(INTERVAL, "must be > 0, not " + seconds);
        }
        if (seconds.bitLength() >= Integer.SIZE) {
            throw subject.fail(INTERVAL,
                    seconds + " is too large (at most " + Integer.MAX_VALUE + " seconds)");
        }
        return seconds.intValue();
    }

    private static MeterSelector meters(Object value, Form form, Subject subject)
            throws InvalidSourceException {
        if (value == null) {
            throw subject.fail(METERS, "required");
        }
        List<String> patterns = list(value, METERS, form, subject);
        if (patterns.isEmpty()) {
            throw subject.fail(METERS, "must not be empty (list at least one pattern, or * for all)");
        }
        try {
            return MeterSelector.of(patterns);
        } catch (IllegalArgumentException e) {
            throw subject.fail(METERS, e.getMessage());
        }
    }

    /** A list field; null is the empty list (the caller decides whether that is allowed). */
    private static List<String> list(Object value, String field, Form form, Subject subject)
            throws InvalidSourceException {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            if (form == Form.YAML) {
                throw subject.fail(field,
                        "must be a list, not the string \"" + s + "\" (write [" + s + "])");
            }
            return split(s, field, subject);
        }
        List<?> items;
        if (value instanceof Collection<?> c) {
            items = new ArrayList<>(c);
        } else if (value instanceof Object[] a) {
            items = Arrays.asList(a);
        } else {
            throw subject.fail(field, "must be a list, not " + describe(value));
        }
        List<String> texts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String where = "entry #" + (i + 1) + " ";
            Object item = items.get(i);
            if (item == null) {
                throw subject.fail(field, where + "is empty (null)");
            }
            String text = text(item, where, field, subject);
            if (text.isBlank()) {
                throw subject.fail(field, where + "is empty");
            }
            texts.add(text);
        }
        return List.copyOf(texts);
    }

    /** A {@code .cfg} list: {@code cpu, memory.usage}. */
    private static List<String> split(String s, String field, Subject subject)
            throws InvalidSourceException {
        if (s.isBlank()) {
            return List.of();
        }
        String[] parts = s.split(",", -1);
        List<String> items = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String item = parts[i].strip();
            if (item.isEmpty()) {
                throw subject.fail(field, "item #" + (i + 1) + " of \"" + s
                        + "\" is empty (a stray comma?)");
            }
            items.add(item);
        }
        return List.copyOf(items);
    }

    /** The text of a scalar: a string as it is, a number as its text; anything else is wrong. */
    private static String text(Object value, String where, String field, Subject subject)
            throws InvalidSourceException {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof Boolean b) {
            throw subject.fail(field, where + "must be text, not the boolean " + b
                    + " (YAML reads unquoted yes/no/on/off/true/false as booleans: quote it)");
        }
        throw subject.fail(field, where + "must be text, not " + describe(value));
    }

    /** How a wrong value is named in a message. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String s) {
            return "the string \"" + s + "\"";
        } else if (value instanceof Boolean b) {
            return "the boolean " + b;
        } else if (value instanceof Number n) {
            return "the number " + n;
        } else if (value instanceof Map<?, ?>) {
            return "a mapping";
        } else if (value instanceof Collection<?> || value instanceof Object[]) {
            return "a list";
        } else if (value instanceof Date) {
            return "a date";
        } else if (value instanceof byte[]) {
            return "binary data";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
