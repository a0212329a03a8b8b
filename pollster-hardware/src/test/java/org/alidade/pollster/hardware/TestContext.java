package org.alidade.pollster.hardware;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.alidade.api.PollContext;

/** The per-cycle context as the engine gives it: a cache that computes each key once. */
final class TestContext implements PollContext {

    private final ConcurrentHashMap<Object, Object> cache = new ConcurrentHashMap<>();
    private final String host;

    TestContext(String host) {
        this.host = host;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T cached(Object key, Supplier<T> loader) {
        return (T) cache.computeIfAbsent(key, k -> loader.get());
    }

    @Override
    public String host() {
        return host;
    }
}
