package org.alidade.discovery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.junit.jupiter.api.Test;

class LocalNodeDiscoveryTest {

    @Test
    void findsTheAgentsHostAsOneResource() {
        PollContext ctx = new PollContext() {
            @Override
            public <T> T cached(Object key, Supplier<T> loader) {
                return loader.get();
            }

            @Override
            public String host() {
                return "compute-01";
            }
        };
        assertEquals(List.of(Resource.of("compute-01")), new LocalNodeDiscovery().discover(ctx, null));
    }
}
