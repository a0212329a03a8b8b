#!/usr/bin/env python3
"""Prints the RSS in MiB that libvirt's test driver adds to a process opening NODE_XML read-only
and reading every domain's statistics once (what the compute benchmark's agent does in-process),
after malloc has handed its free memory back (the agent's JVM does that every 2 s).

usage: libvirt-footprint.py NODE_XML
"""
import ctypes
import os
import sys


def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise SystemExit("libvirt-footprint: no VmRSS in /proc/self/status")


lib = ctypes.CDLL("libvirt.so.0")
lib.virConnectOpenReadOnly.restype = ctypes.c_void_p
lib.virConnectOpenReadOnly.argtypes = [ctypes.c_char_p]
lib.virConnectGetAllDomainStats.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(ctypes.c_void_p),
                                            ctypes.c_uint]
lib.virDomainStatsRecordListFree.argtypes = [ctypes.c_void_p]
libc = ctypes.CDLL("libc.so.6")
libc.malloc_trim(0)
lib.virConnectClose.argtypes = [ctypes.c_void_p]
before = rss_mib()
conn = lib.virConnectOpenReadOnly(("test://" + os.path.abspath(sys.argv[1])).encode())
if not conn:
    raise SystemExit(f"libvirt-footprint: cannot open test://{sys.argv[1]}")
records = ctypes.c_void_p()
if lib.virConnectGetAllDomainStats(conn, 0, ctypes.byref(records), 0) < 0:
    raise SystemExit("libvirt-footprint: virConnectGetAllDomainStats failed")
lib.virDomainStatsRecordListFree(records)
libc.malloc_trim(0)
print(f"{rss_mib() - before:.1f}")
