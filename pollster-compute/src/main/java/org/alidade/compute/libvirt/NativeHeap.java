package org.alidade.compute.libvirt;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * glibc's {@code malloc_trim}, where the C library has it: hands the free memory of malloc's
 * arenas back to the system. Opening a libvirt connection can malloc and free a lot (the test
 * driver parses its whole node file: 45 MiB resident after opening 1000 instances, 28 MiB once
 * trimmed), and glibc keeps freed memory until it is trimmed. The agent's JVM trims every 2 s
 * ({@code -XX:TrimNativeHeapInterval}); {@link Connection#open} trims at once, so that this memory
 * is not held during the first cycle, the agent's busiest.
 */
final class NativeHeap {

    private static final Function TRIM = find();

    private NativeHeap() {
    }

    private static Function find() {
        try {
            return NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("malloc_trim");
        } catch (UnsatisfiedLinkError e) {
            return null; // not glibc (musl has none): nothing to trim
        }
    }

    /** Whether the C library has {@code malloc_trim} (glibc does). */
    static boolean available() {
        return TRIM != null;
    }

    /**
     * Trims malloc's free memory; a no-op without {@code malloc_trim}.
     *
     * @return whether memory was handed back
     */
    static boolean trim() {
        return TRIM != null && TRIM.invokeInt(new Object[] {0}) == 1;
    }
}
