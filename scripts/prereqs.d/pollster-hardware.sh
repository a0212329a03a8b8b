# pollster-hardware: its tests start a real snmpd on a loopback port and compare with snmpget/snmpwalk.
APT_PACKAGES+=(snmpd snmp)

# Debian's snmpd package starts a system daemon on udp/161 where systemd runs; the tests start their
# own on high loopback ports and need nothing from it. Check that the binaries the tests call exist.
pollster_hardware_check() {
  command -v snmpd >/dev/null || [ -x /usr/sbin/snmpd ] || { echo "pollster-hardware: snmpd missing" >&2; return 1; }
  command -v snmpget >/dev/null && command -v snmpwalk >/dev/null || { echo "pollster-hardware: snmpget/snmpwalk missing" >&2; return 1; }
}
PREREQ_HOOKS+=(pollster_hardware_check)
