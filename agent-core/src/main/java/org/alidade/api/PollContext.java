package org.alidade.api;

import java.util.function.Supplier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What one polling cycle shares with the pollsters and discoveries it calls. Thread-safe: the
 * pollsters of a cycle run in parallel.
 */
@ProviderType
public interface PollContext {

    /**
     * The value cached under {@code key} for this cycle, computing it once with {@code loader}
     * if absent. Concurrent callers of the same key wait for the first; a loader that throws
     * caches nothing. This is how N meters share one inspector call.
     */
    <T> T cached(Object key, Supplier<T> loader);

    /** The agent's host name (PID {@code org.alidade.polling}, property {@code host}). */
    String host();
}
