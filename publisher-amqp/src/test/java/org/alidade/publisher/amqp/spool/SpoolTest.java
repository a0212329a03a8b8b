package org.alidade.publisher.amqp.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    private static void add(Spool s, String text, int samples) {
        s.add(List.of("notifications.sample"), samples, List.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> takeAll(Spool s) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (Entry e : s.take(1000, 0)) {
            out.add(new String(e.body(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void keepsOrderAcrossMemoryAndDisk() throws Exception {
        Spool s = new Spool(dir, 25, 1_000_000);
        for (int i = 0; i < 10; i++) {
            add(s, "body-number-" + i, 1); // 13-14 bytes each: most spill to disk
        }
        assertTrue(s.stats().bytesOnDisk() > 0);
        assertTrue(s.stats().bytesInMemory() <= 25);
        assertEquals(List.of("body-number-0", "body-number-1", "body-number-2", "body-number-3", "body-number-4",
                "body-number-5", "body-number-6", "body-number-7", "body-number-8", "body-number-9"), takeAll(s));
    }

    @Test
    void dropsTheOldestWhenFullAndCountsThem() throws Exception {
        Spool s = new Spool(dir, 10, 20); // room for 30 bytes
        for (int i = 0; i < 6; i++) {
            add(s, "0123456789", 5); // 10 bytes, 5 samples each
        }
        assertEquals(15, s.stats().droppedSamples());
        assertEquals(3, s.stats().droppedNotifications());
        assertEquals(15, s.backlogSamples());
        assertEquals(3, takeAll(s).size());
    }

    @Test
    void requeuedEntriesGoBackToTheFrontInOrder() throws Exception {
        Spool s = new Spool(dir, 1_000, 1_000);
        for (int i = 0; i < 5; i++) {
            add(s, "m" + i, 1);
        }
        List<Entry> first = s.take(3, 0);
        s.confirmed(List.of(first.get(1)));
        s.requeue(List.of(first.get(2), first.get(0)));
        assertEquals(List.of("m0", "m2", "m3", "m4"), takeAll(s));
        assertEquals(4, s.backlogSamples());
    }

    @Test
    void aNewSpoolOnTheSameFolderSendsWhatTheLastOneKept() throws Exception {
        Spool s = new Spool(dir, 1_000_000, 1_000_000);
        for (int i = 0; i < 4; i++) {
            add(s, "kept-" + i, 2);
        }
        List<Entry> inFlight = s.take(2, 0);
        s.confirmed(List.of(inFlight.get(0)));
        s.requeue(List.of(inFlight.get(1)));
        s.close();
        add(s, "after-close", 1); // a late batch goes to disk too
        Files.writeString(dir.resolve("99.tmp"), "half written");

        Spool next = new Spool(dir, 1_000_000, 1_000_000);
        assertEquals(7, next.backlogSamples());
        assertEquals(List.of("kept-1", "kept-2", "kept-3", "after-close"), takeAll(next));
        assertTrue(Files.notExists(dir.resolve("99.tmp")));
    }

    @Test
    void confirmedDiskEntriesLeaveNoFile() throws Exception {
        Spool s = new Spool(dir, 0, 1_000_000);
        add(s, "x", 1);
        add(s, "y", 1);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
        s.confirmed(s.take(10, 0));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        assertEquals(0, s.backlogSamples());
    }
}
