package org.alidade.agent.core.message;

import java.nio.charset.StandardCharsets;

/**
 * A growable buffer of ASCII bytes that {@link PythonJson} writes into: what a sink sends or
 * stores, without the text first being a {@link StringBuilder} of chars and then a copy. Python's
 * {@code json.dumps} (with {@code ensure_ascii}) writes only ASCII, so one byte is one character.
 *
 * <p>The texts {@link PythonJson} keeps per metadata map are ASCII bytes too, and a run of one is
 * appended with one array copy. Not thread-safe: one buffer per writer, reused line after line.
 */
public final class JsonOut {

    private byte[] buf;
    private int length;
    /** For floats: {@link PythonText} writes their digits into chars. */
    private StringBuilder scratch;

    public JsonOut(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** The bytes written so far: {@code array()[0 .. length())}; valid until the next append. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return length;
    }

    /** Forgets what was written (the buffer is kept). */
    public void clear() {
        length = 0;
    }

    public JsonOut append(char c) {
        ensure(1);
        buf[length++] = (byte) c;
        return this;
    }

    /** Appends {@code ascii}, which must hold ASCII only (what {@link PythonJson} escaped or checked). */
    @SuppressWarnings("deprecation") // exact for ASCII, and for a Latin-1 string one array copy
    public JsonOut append(String ascii) {
        int n = ascii.length();
        ensure(n);
        ascii.getBytes(0, n, buf, length);
        length += n;
        return this;
    }

    /** Appends {@code ascii.substring(from, to)}, which must hold ASCII only. */
    @SuppressWarnings("deprecation") // as append(String)
    public JsonOut append(String ascii, int from, int to) {
        int n = to - from;
        ensure(n);
        ascii.getBytes(from, to, buf, length);
        length += n;
        return this;
    }

    /** Appends {@code ascii[from .. to)}. */
    public JsonOut append(byte[] ascii, int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(ascii, from, buf, length, n);
        length += n;
        return this;
    }

    public JsonOut append(byte[] ascii) {
        return append(ascii, 0, ascii.length);
    }

    public JsonOut append(long v) {
        if (v == Long.MIN_VALUE) {
            return append("-9223372036854775808");
        }
        ensure(20);
        if (v < 0) {
            buf[length++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        int at = length + digits;
        length = at;
        do {
            buf[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        return this;
    }

    /** Appends Python's {@code repr} of a finite double (or its text for the special values). */
    void appendDouble(double d) {
        if (scratch == null) {
            scratch = new StringBuilder(24);
        }
        scratch.setLength(0);
        PythonText.appendDouble(scratch, d);
        int n = scratch.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[length++] = (byte) scratch.charAt(i);
        }
    }

    /** The bytes {@code [from, length())} as a new array. */
    byte[] copyFrom(int from) {
        return java.util.Arrays.copyOfRange(buf, from, length);
    }

    private void ensure(int n) {
        if (length + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(length + n, 2 * buf.length));
        }
    }

    /** The text written so far. */
    @Override
    public String toString() {
        return new String(buf, 0, length, StandardCharsets.ISO_8859_1);
    }
}
