package org.alidade.compute.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The libvirt functions the Java binding (0.5.2) lacks or wraps too expensively for the hot path,
 * bound directly through JNA (direct mapping: no proxy, no {@code Structure} reflection). Struct
 * results are read from caller-owned buffers at their C offsets (x86-64/aarch64 LP64 layouts).
 *
 * <p>Loading fails with {@link UnsatisfiedLinkError} when the libvirt client library is absent;
 * {@link LibvirtLibrary} turns that into a message naming the Debian package.
 */
final class LibvirtNative {

    static {
        Native.register(LibvirtNative.class, "virt");
    }

    private LibvirtNative() {
    }

    // virConnectGetAllDomainStats: stats groups and flags (libvirt-domain.h)
    static final int STATS_STATE = 1;
    static final int STATS_CPU_TOTAL = 2;
    static final int STATS_BALLOON = 4;
    static final int STATS_VCPU = 8;
    static final int STATS_INTERFACE = 16;
    static final int STATS_BLOCK = 32;
    /** Since libvirt 4.5: return at once what can be had without waiting for a domain job. */
    static final int STATS_NOWAIT = 1 << 29;

    // virTypedParameter: char field[80]; int type; union value (8 bytes, aligned at 88)
    static final int TYPED_PARAM_SIZE = 96;
    static final int TYPED_PARAM_TYPE_OFFSET = 80;
    static final int TYPED_PARAM_VALUE_OFFSET = 88;
    static final int TYPED_PARAM_INT = 1;
    static final int TYPED_PARAM_UINT = 2;
    static final int TYPED_PARAM_LLONG = 3;
    static final int TYPED_PARAM_ULLONG = 4;
    static final int TYPED_PARAM_DOUBLE = 5;
    static final int TYPED_PARAM_BOOLEAN = 6;
    static final int TYPED_PARAM_STRING = 7;

    // virDomainMemoryStatTags
    static final int MEM_SWAP_IN = 0;
    static final int MEM_SWAP_OUT = 1;
    static final int MEM_UNUSED = 4;
    static final int MEM_AVAILABLE = 5;
    static final int MEM_ACTUAL_BALLOON = 6;
    static final int MEM_RSS = 7;
    static final int MEM_USABLE = 8;
    static final int MEM_NR = 13;

    /** Must come first in a multi-threaded program (it sets up libvirt's thread-local errors). */
    static native int virInitialize();

    static native int virConnectGetAllDomainStats(Pointer conn, int stats, PointerByReference records, int flags);

    static native void virDomainStatsRecordListFree(Pointer records);

    static native int virConnectIsAlive(Pointer conn);

    static native int virDomainGetUUID(Pointer dom, byte[] uuid);

    static native int virDomainGetID(Pointer dom);

    static native int virDomainRef(Pointer dom);

    static native int virDomainFree(Pointer dom);

    /** Returns a {@code char*} the caller frees. */
    static native Pointer virDomainGetXMLDesc(Pointer dom, int flags);

    /** virDomainInfo: unsigned char state; unsigned long maxMem, memory; unsigned short nrVirtCpu; unsigned long long cpuTime. */
    static native int virDomainGetInfo(Pointer dom, Pointer info);

    static native int virDomainMemoryStats(Pointer dom, Pointer stats, int nrStats, int flags);

    static native int virDomainBlockStats(Pointer dom, String disk, Pointer stats, long size);

    static native int virDomainBlockStatsFlags(Pointer dom, String disk, Pointer params, int[] nparams, int flags);

    static native int virDomainGetBlockInfo(Pointer dom, String disk, Pointer info, int flags);

    static native int virDomainInterfaceStats(Pointer dom, String device, Pointer stats, long size);

    static native Pointer virGetLastError();

    static native void virResetLastError();
}
