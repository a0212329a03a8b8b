package org.alidade.pollster.hardware.inspect;

/**
 * The single-valued readings of a host, named after the SNMP objects they come from (reference
 * §4.2). Both inspectors fill these: the SNMP one from the OID, the local one from {@code /proc}.
 */
public enum Scalar {
    LOAD_1("1.3.6.1.4.1.2021.10.1.3.1", Kind.DECIMAL),
    LOAD_5("1.3.6.1.4.1.2021.10.1.3.2", Kind.DECIMAL),
    LOAD_15("1.3.6.1.4.1.2021.10.1.3.3", Kind.DECIMAL),
    /** ssCpuUser: percent of CPU time in user mode (user only, as upstream). */
    CPU_USER_PERCENT("1.3.6.1.4.1.2021.11.9.0", Kind.INTEGER),
    /** ssCpuIdle: percent of CPU time idle. */
    CPU_IDLE_PERCENT("1.3.6.1.4.1.2021.11.11.0", Kind.INTEGER),
    CPU_RAW_USER("1.3.6.1.4.1.2021.11.50.0", Kind.INTEGER),
    CPU_RAW_NICE("1.3.6.1.4.1.2021.11.51.0", Kind.INTEGER),
    CPU_RAW_SYSTEM("1.3.6.1.4.1.2021.11.52.0", Kind.INTEGER),
    CPU_RAW_IDLE("1.3.6.1.4.1.2021.11.53.0", Kind.INTEGER),
    CPU_RAW_WAIT("1.3.6.1.4.1.2021.11.54.0", Kind.INTEGER),
    CPU_RAW_KERNEL("1.3.6.1.4.1.2021.11.55.0", Kind.INTEGER),
    CPU_RAW_INTERRUPT("1.3.6.1.4.1.2021.11.56.0", Kind.INTEGER),
    IO_RAW_SENT("1.3.6.1.4.1.2021.11.57.0", Kind.INTEGER),
    IO_RAW_RECEIVED("1.3.6.1.4.1.2021.11.58.0", Kind.INTEGER),
    SWAP_TOTAL("1.3.6.1.4.1.2021.4.3.0", Kind.INTEGER),
    SWAP_AVAIL("1.3.6.1.4.1.2021.4.4.0", Kind.INTEGER),
    MEM_TOTAL("1.3.6.1.4.1.2021.4.5.0", Kind.INTEGER),
    /** memAvailReal: free physical memory (Linux {@code MemFree}). */
    MEM_AVAIL("1.3.6.1.4.1.2021.4.6.0", Kind.INTEGER),
    MEM_BUFFER("1.3.6.1.4.1.2021.4.14.0", Kind.INTEGER),
    MEM_CACHED("1.3.6.1.4.1.2021.4.15.0", Kind.INTEGER),
    IP_IN_RECEIVES("1.3.6.1.2.1.4.3.0", Kind.INTEGER),
    IP_OUT_REQUESTS("1.3.6.1.2.1.4.10.0", Kind.INTEGER);

    /** How a value is read: upstream's {@code float(str(x))} or {@code int(x)}. */
    public enum Kind { DECIMAL, INTEGER }

    private final String oid;
    private final Kind kind;

    Scalar(String oid, Kind kind) {
        this.oid = oid;
        this.kind = kind;
    }

    public String oid() {
        return oid;
    }

    public Kind kind() {
        return kind;
    }
}
