package org.alidade.publisher.amqp.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a generous deadline (a wait, not a timing assertion). */
final class Eventually {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, DEADLINE, condition, () -> "");
    }

    static void await(String what, Duration deadline, BooleanSupplier condition, Supplier<String> state) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting for " + what + " "
                        + state.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
