package org.alidade.agent.core.polling;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The sample timestamp Ceilometer uses (reference §1.8 step 5): naive UTC ISO-8601, no zone,
 * microseconds, and no fraction at all when the microseconds are 0.
 */
final class Timestamps {

    private Timestamps() {
    }

    static String now(Clock clock) {
        return format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    static String format(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(26);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            pad(sb.append('.'), micros, 6);
        }
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
