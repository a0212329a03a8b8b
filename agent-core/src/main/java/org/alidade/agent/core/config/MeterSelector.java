package org.alidade.agent.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code meters} of a polling source: shell-style patterns ({@code fnmatch}, reference
 * §1.4) that select pollsters by their registered name. A {@code !pattern} excludes and wins
 * over any inclusion; a list made only of exclusions means "everything except those".
 *
 * <p>Build it with {@link #of(List)}, which applies the reference §1.3 validity rules.
 */
public final class MeterSelector {

    private final List<String> patterns;
    private final List<Pattern> included;
    private final List<Pattern> excluded;

    private MeterSelector(List<String> patterns, List<Pattern> included, List<Pattern> excluded) {
        this.patterns = List.copyOf(patterns);
        this.included = included;
        this.excluded = excluded;
    }

    /**
     * Validates and compiles the patterns.
     *
     * @throws IllegalArgumentException with a message (without source or field name) saying
     *                                  what is wrong: empty list, empty entry, inclusions mixed
     *                                  with exclusions, or inclusions beside {@code *}
     */
    public static MeterSelector of(List<String> patterns) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("no meters specified");
        }
        boolean anyIncluded = false;
        boolean anyExcluded = false;
        boolean wildcard = false;
        for (String p : patterns) {
            if (p == null || p.isEmpty() || p.equals("!")) {
                throw new IllegalArgumentException("an entry is empty");
            }
            char first = p.charAt(0);
            anyIncluded |= first != '!' && first != '*';
            anyExcluded |= first == '!';
            wildcard |= p.equals("*");
        }
        if (anyIncluded && anyExcluded) {
            throw new IllegalArgumentException("both included and excluded meters specified " + patterns);
        }
        if (wildcard && anyIncluded) {
            throw new IllegalArgumentException("included meters specified with the wildcard * " + patterns);
        }
        List<Pattern> inc = new ArrayList<>();
        List<Pattern> exc = new ArrayList<>();
        for (String p : patterns) {
            if (p.charAt(0) == '!') {
                exc.add(fnmatch(p.substring(1)));
            } else {
                inc.add(fnmatch(p));
            }
        }
        return new MeterSelector(patterns, List.copyOf(inc), List.copyOf(exc));
    }

    /** Whether a pollster of that registered name is selected. */
    public boolean selects(String pollsterName) {
        for (Pattern p : excluded) {
            if (p.matcher(pollsterName).matches()) {
                return false;
            }
        }
        for (Pattern p : included) {
            if (p.matcher(pollsterName).matches()) {
                return true;
            }
        }
        return included.isEmpty();
    }

    /** The patterns as configured. */
    public List<String> patterns() {
        return patterns;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeterSelector m && m.patterns.equals(patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    @Override
    public String toString() {
        return patterns.toString();
    }

    /**
     * Python's {@code fnmatch.translate}: {@code *} any run (dots included), {@code ?} one
     * character, {@code [seq]} / {@code [!seq]} classes, everything else literal; whole string,
     * case-sensitive.
     */
    static Pattern fnmatch(String pattern) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pattern.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pattern.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pattern.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String body = pattern.substring(i, j);
                    i = j + 1;
                    StringBuilder cls = new StringBuilder("[");
                    int k = 0;
                    if (body.startsWith("!")) {
                        cls.append('^');
                        k = 1;
                    } else if (body.startsWith("^")) {
                        cls.append("\\^");
                        k = 1;
                    }
                    for (; k < body.length(); k++) {
                        char b = body.charAt(k);
                        if (b == '\\' || b == '[' || b == ']' || b == '&' || b == '~' || b == '|') {
                            cls.append('\\');
                        }
                        cls.append(b);
                    }
                    re.append(cls).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
