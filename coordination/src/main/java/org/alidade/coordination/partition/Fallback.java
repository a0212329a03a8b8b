package org.alidade.coordination.partition;

import java.util.Locale;

/** What an agent polls when it has no membership to go by. */
public enum Fallback {
    /** Every resource: none is dropped, some may be polled by several agents. */
    ALL,
    /** Nothing: none is polled twice, all may go unpolled. */
    NONE;

    /**
     * @throws IllegalArgumentException for anything but {@code all} or {@code none}
     */
    public static Fallback parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "all" -> ALL;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("fallback must be all or none, not '" + s + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
