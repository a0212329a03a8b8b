package org.alidade.pollster.hardware.snmp;

import java.util.List;
import org.snmp4j.smi.OID;

/** The table columns the hardware meters read (reference §4.2), walked with GETBULK. */
final class SnmpOids {

    private SnmpOids() {
    }

    /** UCD dskTable: path, device, total, used, and the 64-bit halves of total and used. */
    static final OID DSK_PATH = new OID("1.3.6.1.4.1.2021.9.1.2");
    static final OID DSK_DEVICE = new OID("1.3.6.1.4.1.2021.9.1.3");
    static final OID DSK_TOTAL = new OID("1.3.6.1.4.1.2021.9.1.6");
    static final OID DSK_USED = new OID("1.3.6.1.4.1.2021.9.1.8");
    static final OID DSK_TOTAL_LOW = new OID("1.3.6.1.4.1.2021.9.1.11");
    static final OID DSK_TOTAL_HIGH = new OID("1.3.6.1.4.1.2021.9.1.12");
    static final OID DSK_USED_LOW = new OID("1.3.6.1.4.1.2021.9.1.15");
    static final OID DSK_USED_HIGH = new OID("1.3.6.1.4.1.2021.9.1.16");
    static final List<OID> DSK = List.of(DSK_PATH, DSK_DEVICE, DSK_TOTAL, DSK_USED, DSK_TOTAL_LOW, DSK_TOTAL_HIGH,
            DSK_USED_LOW, DSK_USED_HIGH);

    /** UCD diskIOTable: device, 32-bit bytes read/written, reads, writes, 64-bit bytes read/written. */
    static final OID IO_DEVICE = new OID("1.3.6.1.4.1.2021.13.15.1.1.2");
    static final OID IO_NREAD = new OID("1.3.6.1.4.1.2021.13.15.1.1.3");
    static final OID IO_NWRITTEN = new OID("1.3.6.1.4.1.2021.13.15.1.1.4");
    static final OID IO_READS = new OID("1.3.6.1.4.1.2021.13.15.1.1.5");
    static final OID IO_WRITES = new OID("1.3.6.1.4.1.2021.13.15.1.1.6");
    static final OID IO_NREADX = new OID("1.3.6.1.4.1.2021.13.15.1.1.12");
    static final OID IO_NWRITTENX = new OID("1.3.6.1.4.1.2021.13.15.1.1.13");
    static final List<OID> DISK_IO = List.of(IO_DEVICE, IO_NREAD, IO_NWRITTEN, IO_READS, IO_WRITES, IO_NREADX,
            IO_NWRITTENX);

    /** IF-MIB ifTable: descr, speed, physical address, in octets, out octets, out errors. */
    static final OID IF_DESCR = new OID("1.3.6.1.2.1.2.2.1.2");
    static final OID IF_SPEED = new OID("1.3.6.1.2.1.2.2.1.5");
    static final OID IF_PHYS = new OID("1.3.6.1.2.1.2.2.1.6");
    static final OID IF_IN = new OID("1.3.6.1.2.1.2.2.1.10");
    static final OID IF_OUT = new OID("1.3.6.1.2.1.2.2.1.16");
    static final OID IF_OUT_ERRORS = new OID("1.3.6.1.2.1.2.2.1.20");
    static final List<OID> IF = List.of(IF_DESCR, IF_SPEED, IF_PHYS, IF_IN, IF_OUT, IF_OUT_ERRORS);

    /** IP-MIB ipAddrTable ipAdEntIfIndex: the index is the address, the value the interface. */
    static final OID IP_AD_ENT_IF_INDEX = new OID("1.3.6.1.2.1.4.20.1.2");
    static final List<OID> IP_ADDR = List.of(IP_AD_ENT_IF_INDEX);

    static final List<List<OID>> TABLES = List.of(DSK, DISK_IO, IF, IP_ADDR);
}
