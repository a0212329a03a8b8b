package org.alidade.compute.inspector;

import java.util.Arrays;

/**
 * A hypervisor's figures of which some may be missing, stored unboxed: the statistics of every
 * instance stay for the whole cycle (each meter of an instance reads them), so at 10 000 instances
 * a boxed {@code Long} per figure was a quarter of what a cycle keeps, promoted to the old
 * generation with it. An accessor boxes its figure when it is read, for the one sample it goes to.
 */
abstract class Figures {

    private final long[] values; // a Double as its bits
    private final int present; // bit i: figure i supplied

    /** {@code figures}: each a {@code Long}, {@code Integer} or {@code Double}, or {@code null} where not supplied. */
    Figures(Number... figures) {
        if (figures.length > Integer.SIZE) {
            throw new IllegalArgumentException("at most 32 figures");
        }
        long[] v = new long[figures.length];
        int p = 0;
        for (int i = 0; i < figures.length; i++) {
            Number f = figures[i];
            if (f != null) {
                v[i] = f instanceof Double d ? Double.doubleToRawLongBits(d) : f.longValue();
                p |= 1 << i;
            }
        }
        this.values = v;
        this.present = p;
    }

    final Long number(int i) {
        return (present & 1 << i) != 0 ? values[i] : null;
    }

    final Integer integer(int i) {
        return (present & 1 << i) != 0 ? (int) values[i] : null;
    }

    final Double real(int i) {
        return (present & 1 << i) != 0 ? Double.longBitsToDouble(values[i]) : null;
    }

    final boolean sameFigures(Figures o) {
        return present == o.present && Arrays.equals(values, o.values);
    }

    final int figuresHash() {
        return 31 * present + Arrays.hashCode(values);
    }
}
