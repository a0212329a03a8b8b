package org.alidade.coordination.partition;

import java.time.Instant;
import java.util.Map;
import org.alidade.coordination.ring.HashRing;

/**
 * What the coordinator knows at one moment, immutable: its state and the ring of every group it
 * has joined. {@code owned()} reads only this, never ZooKeeper; the coordinator swaps in a new
 * view whenever the membership or the connection changes.
 *
 * @param state         where the coordinator stands
 * @param since         when it entered that state
 * @param deadlineNanos {@link System#nanoTime()} at which {@link State#STARTING} and
 *                      {@link State#HOLDING} end (then the fallback applies); unused otherwise
 * @param rings         engine group → its ZooKeeper group and ring
 * @param groupErrors   engine group → why it could not be joined (while connected)
 * @param error         why the state is not {@link State#CONNECTED}, or {@code null}
 */
public record PartitionView(State state, Instant since, long deadlineNanos, Map<String, GroupRing> rings,
        Map<String, String> groupErrors, String error) {

    /** The coordinator's states; see the module's README for what each means for polling. */
    public enum State {
        /** No ZooKeeper session yet; owned() waits for the membership until the connection timeout. */
        STARTING,
        /** Session up: the rings follow the live membership. */
        CONNECTED,
        /** ZooKeeper unreachable: the last rings are kept until the hold ends. */
        HOLDING,
        /** No membership to go by: the fallback applies. */
        FALLBACK
    }

    /** How owned() treats a group at some moment. */
    public enum Decision {
        /** Filter by the group's ring. */
        RING,
        /** The membership is about to be known: wait for a newer view (bounded). */
        WAIT,
        /** Apply the fallback. */
        FALLBACK
    }

    /** One joined group. */
    public record GroupRing(String zkGroup, HashRing ring) {
    }

    public PartitionView {
        rings = Map.copyOf(rings);
        groupErrors = Map.copyOf(groupErrors);
    }

    /** How to treat {@code group} at {@code nowNanos}. */
    public Decision decide(String group, long nowNanos) {
        GroupRing ring = rings.get(group);
        return switch (state) {
            case CONNECTED -> ring != null ? Decision.RING
                    : groupErrors.containsKey(group) ? Decision.FALLBACK : Decision.WAIT;
            case HOLDING -> ring != null && before(nowNanos) ? Decision.RING : Decision.FALLBACK;
            case STARTING -> before(nowNanos) ? Decision.WAIT : Decision.FALLBACK;
            case FALLBACK -> Decision.FALLBACK;
        };
    }

    /** The state as it stands at {@code nowNanos}: STARTING and HOLDING turn into FALLBACK at their deadline. */
    public State effectiveState(long nowNanos) {
        return (state == State.STARTING || state == State.HOLDING) && !before(nowNanos) ? State.FALLBACK : state;
    }

    private boolean before(long nowNanos) {
        return nowNanos - deadlineNanos < 0;
    }
}
