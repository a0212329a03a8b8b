package org.alidade.compute.libvirt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trim after opening libvirt: found in this glibc, and it hands freed memory back. */
class NativeHeapTest {

    @Test
    void glibcsMallocTrimIsFoundAndHandsFreedMemoryBack() {
        assertTrue(NativeHeap.available(), "malloc_trim not found in the C library: the trim after opening "
                + "libvirt would silently do nothing");
        List<Memory> blocks = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // 20 MiB in blocks malloc keeps in its arenas (not mmap'ed)
            blocks.add(new Memory(1024));
        }
        blocks.forEach(Memory::close);
        assertTrue(NativeHeap.trim(), "malloc_trim handed nothing back after 20 MiB were freed");
    }
}
