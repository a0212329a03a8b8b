package org.alidade.coordination.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.alidade.coordination.partition.PartitionView.Decision;
import org.alidade.coordination.partition.PartitionView.GroupRing;
import org.alidade.coordination.partition.PartitionView.State;
import org.alidade.coordination.ring.HashRing;
import org.junit.jupiter.api.Test;

class PartitionViewTest {

    private static final long NOW = 1_000_000_000L;
    private static final Map<String, GroupRing> RINGS = Map.of("global",
            new GroupRing("central-global", HashRing.of(List.of("a", "b"))));

    private static PartitionView view(State state, long deadline, Map<String, String> errors) {
        return new PartitionView(state, Instant.EPOCH, deadline, RINGS, errors, null);
    }

    @Test
    void connectedFiltersByTheRingAndWaitsForAGroupNotYetJoined() {
        PartitionView v = view(State.CONNECTED, 0, Map.of("broken", "NoAuth"));
        assertEquals(Decision.RING, v.decide("global", NOW));
        assertEquals(Decision.WAIT, v.decide("static-1", NOW));
        assertEquals(Decision.FALLBACK, v.decide("broken", NOW));
        assertEquals(State.CONNECTED, v.effectiveState(NOW + Long.MAX_VALUE / 4));
    }

    @Test
    void holdingKeepsTheLastRingsUntilTheHoldEnds() {
        PartitionView v = view(State.HOLDING, NOW + 10, Map.of());
        assertEquals(Decision.RING, v.decide("global", NOW));
        assertEquals(Decision.FALLBACK, v.decide("static-1", NOW), "no ring to hold");
        assertEquals(State.HOLDING, v.effectiveState(NOW + 9));
        assertEquals(Decision.FALLBACK, v.decide("global", NOW + 10));
        assertEquals(State.FALLBACK, v.effectiveState(NOW + 10));
    }

    @Test
    void startingWaitsUntilTheConnectionTimeout() {
        PartitionView v = new PartitionView(State.STARTING, Instant.EPOCH, NOW + 10, Map.of(), Map.of(), null);
        assertEquals(Decision.WAIT, v.decide("global", NOW));
        assertEquals(Decision.FALLBACK, v.decide("global", NOW + 10));
        assertEquals(State.FALLBACK, v.effectiveState(NOW + 11));
    }

    @Test
    void fallbackIsFallback() {
        PartitionView v = view(State.FALLBACK, 0, Map.of());
        assertEquals(Decision.FALLBACK, v.decide("global", NOW));
    }

    @Test
    void deadlinesSurviveNanoTimeWrapping() {
        long near = Long.MAX_VALUE - 5;
        PartitionView v = view(State.HOLDING, near + 10, Map.of()); // wraps to negative
        assertEquals(Decision.RING, v.decide("global", near));
        assertEquals(Decision.FALLBACK, v.decide("global", near + 11));
    }
}
