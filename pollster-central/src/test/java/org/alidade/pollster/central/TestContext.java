package org.alidade.pollster.central;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.alidade.api.PollContext;

/** The per-cycle context as the engine gives it: a cache that computes each key once. */
public final class TestContext implements PollContext {

    private final ConcurrentHashMap<Object, Object> cache = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T> T cached(Object key, Supplier<T> loader) {
        Object v = cache.get(key);
        if (v == null) {
            v = loader.get();
            cache.put(key, v);
        }
        return (T) v;
    }

    @Override
    public String host() {
        return "central-01";
    }
}
