package org.alidade.agent.core.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallPoolTest {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final CallPool pool = new CallPool(2, timer);

    CallPoolTest() {
        timer.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stop() {
        pool.shutdown();
        timer.shutdownNow();
    }

    @Test
    void aCallThatEndsInTimeLeavesNoDeadlineBehind() throws Exception {
        // the deadline task holds the call and through it the cycle's whole cache: a finished call
        // must not keep it until the time limit (60 s by default) passes
        Object[] cycleData = {new byte[1 << 20]};
        for (int i = 0; i < 20; i++) {
            var done = pool.submit("call-" + i, () -> assertTrue(cycleData.length > 0), 60_000, () -> { });
            assertEquals(CallPool.Outcome.DONE, done.get(10, TimeUnit.SECONDS));
        }
        for (int i = 0; i < 100 && !timer.getQueue().isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(0, timer.getQueue().size(), "deadline tasks still queued");
    }

    @Test
    void aCallPastItsLimitIsAbandoned() throws Exception {
        var done = pool.submit("slow", () -> Thread.sleep(5_000), 100, () -> { });
        assertEquals(CallPool.Outcome.TIMED_OUT, done.get(10, TimeUnit.SECONDS));
    }
}
