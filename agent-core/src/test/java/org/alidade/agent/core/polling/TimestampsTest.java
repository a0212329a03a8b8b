package org.alidade.agent.core.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void isNaiveIsoWithMicroseconds() {
        assertEquals("2024-05-06T07:08:09.123456", Timestamps.format(LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_789)));
        assertEquals("2024-05-06T07:08:09.000001", Timestamps.format(LocalDateTime.of(2024, 5, 6, 7, 8, 9, 1_000)));
    }

    @Test
    void leavesOutTheFractionWhenMicrosecondsAreZero() {
        assertEquals("2024-05-06T07:08:09", Timestamps.format(LocalDateTime.of(2024, 5, 6, 7, 8, 9, 999)));
    }

    @Test
    void comesFromTheClockInUtc() {
        assertEquals("2024-05-06T07:08:09.123456", Timestamps.now(Fixtures.FIXED));
    }
}
