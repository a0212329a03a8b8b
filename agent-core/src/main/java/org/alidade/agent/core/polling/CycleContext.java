package org.alidade.agent.core.polling;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.alidade.api.PollContext;

/**
 * The per-cycle cache. A loader runs outside any map lock (a slow inspector call must not
 * block other keys), once per key; concurrent callers of the key wait for it. A loader that
 * fails leaves nothing behind, so the next caller tries again.
 */
final class CycleContext implements PollContext {

    private final ConcurrentHashMap<Object, CompletableFuture<Object>> cache = new ConcurrentHashMap<>();
    private final String host;

    CycleContext(String host) {
        this.host = host;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T cached(Object key, Supplier<T> loader) {
        CompletableFuture<Object> known = cache.get(key);
        if (known != null && known.isDone() && !known.isCompletedExceptionally()) {
            return (T) known.join(); // the common case: no allocation
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = cache.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                T value = loader.get();
                mine.complete(value);
                return value;
            } catch (RuntimeException | Error e) {
                cache.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return (T) existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for cached value of " + key, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public String host() {
        return host;
    }
}
