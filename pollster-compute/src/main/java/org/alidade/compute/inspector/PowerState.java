package org.alidade.compute.inspector;

/**
 * libvirt's domain states ({@code virDomainState}) with Nova's vm_state and status for each
 * (reference §5, {@code libvirt_metadata}).
 */
public enum PowerState {
    NOSTATE(0, "pending", "building"),
    RUNNING(1, "running", "active"),
    BLOCKED(2, "running", "active"),
    PAUSED(3, "paused", "paused"),
    SHUTDOWN(4, "shutdown", "stopped"),
    SHUTOFF(5, "shutdown", "stopped"),
    CRASHED(6, "crashed", "error"),
    PMSUSPENDED(7, "suspended", "suspended");

    private final int code;
    private final String vmState;
    private final String status;

    PowerState(int code, String vmState, String status) {
        this.code = code;
        this.vmState = vmState;
        this.status = status;
    }

    /** libvirt's integer, the volume of {@code power.state}. */
    public int code() {
        return code;
    }

    /** Nova's vm_state: metadata {@code state}. */
    public String vmState() {
        return vmState;
    }

    /** Nova's status in lower case: metadata {@code status}. */
    public String status() {
        return status;
    }

    /** Whether the pollsters poll it: Ceilometer skips shut-off domains only. */
    public boolean pollable() {
        return this != SHUTOFF;
    }

    /** The state of a libvirt integer; unknown values are {@link #NOSTATE}. */
    public static PowerState of(int code) {
        PowerState[] all = values();
        return code >= 0 && code < all.length ? all[code] : NOSTATE;
    }
}
