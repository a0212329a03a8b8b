package org.alidade.compute.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.alidade.api.PollContext;

/** One polling cycle's context as the engine gives it: a per-cycle cache (same contract) and a host. */
public final class TestCycle implements PollContext {

    private final Map<Object, Object> cache = new ConcurrentHashMap<>();
    private final String host;
    /** How many values were loaded (cache misses). */
    public final AtomicInteger loads = new AtomicInteger();

    public TestCycle(String host) {
        this.host = host;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T cached(Object key, Supplier<T> loader) {
        Object v = cache.get(key);
        if (v == null) {
            loads.incrementAndGet();
            v = loader.get();
            cache.put(key, v);
        }
        return (T) v;
    }

    @Override
    public String host() {
        return host;
    }
}
