#!/usr/bin/env python3
"""What the agent's live heap holds, by owner: reads a heap dump (HPROF, 64-bit ids) and counts each
object under the first Alidade object on its shortest path from the GC roots (its "owner"; objects
reached before any Alidade object count under "framework/JDK"). The sizes are shallow sizes as the
JVM lays them out with compressed oops (12-byte headers, 4-byte references), so sums come close
to the live heap the dump holds. Read with care: an object reachable from two owners counts under
the one breadth-first search meets first.

usage: heap-by-owner.py DUMP.hprof [TOP]     (TOP owners, 30)
make a dump of the running agent: jcmd PID GC.heap_dump /tmp/agent.hprof  (live objects only)
"""
import collections
import struct
import sys

SIZES = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}  # HPROF basic types (2: object id)
ARRAYS = {4: "boolean[]", 5: "char[]", 6: "float[]", 7: "double[]", 8: "byte[]", 9: "short[]", 10: "int[]",
          11: "long[]"}
ROOT_BYTES = {0xFF: 8, 0x01: 16, 0x02: 16, 0x03: 16, 0x04: 12, 0x05: 8, 0x06: 12, 0x07: 8, 0x08: 16}


def read(path):
    data = open(path, "rb").read()
    p = data.index(b"\0") + 1
    if struct.unpack_from(">I", data, p)[0] != 8:
        raise SystemExit("heap-by-owner: only dumps with 8-byte ids (64-bit JVMs) are read")
    p += 12
    u8 = struct.Struct(">Q").unpack_from
    u4 = struct.Struct(">I").unpack_from
    u2 = struct.Struct(">H").unpack_from
    names, class_name, classes, objects, roots, instances = {}, {}, {}, {}, [], []
    while p < len(data):
        tag, length = data[p], u4(data, p + 5)[0]
        body, p = p + 9, p + 9 + length
        if tag == 0x01:  # UTF8
            names[u8(data, body)[0]] = data[body + 8:p].decode("utf-8", "replace")
        elif tag == 0x02:  # LOAD CLASS
            class_name[u8(data, body + 4)[0]] = u8(data, body + 16)[0]
        elif tag in (0x0C, 0x1C):  # HEAP DUMP (SEGMENT)
            q = body
            while q < p:
                sub = data[q]
                q += 1
                if sub in ROOT_BYTES:
                    roots.append(u8(data, q)[0])
                    q += ROOT_BYTES[sub]
                elif sub == 0x20:  # CLASS DUMP
                    cid, parent = u8(data, q)[0], u8(data, q + 12)[0]
                    q += 7 * 8 + 4 + 4
                    count = u2(data, q)[0]  # constant pool
                    q += 2
                    for _ in range(count):
                        q += 3 + SIZES[data[q + 2]]
                    count = u2(data, q)[0]  # static fields
                    q += 2
                    statics = []
                    for _ in range(count):
                        kind = data[q + 8]
                        if kind == 2:
                            statics.append(u8(data, q + 9)[0])
                        q += 9 + SIZES[kind]
                    count = u2(data, q)[0]  # instance fields
                    q += 2
                    fields = []
                    for _ in range(count):
                        fields.append(data[q + 8])
                        q += 9
                    classes[cid] = (parent, fields)
                    objects[cid] = (None, 0, statics)
                elif sub == 0x21:  # INSTANCE DUMP
                    oid, cid, size = u8(data, q)[0], u8(data, q + 12)[0], u4(data, q + 20)[0]
                    instances.append((oid, cid, q + 24))
                    q += 24 + size
                elif sub == 0x22:  # OBJECT ARRAY
                    oid, n, cid = u8(data, q)[0], u4(data, q + 12)[0], u8(data, q + 16)[0]
                    objects[oid] = (cid, 16 + 4 * n, [u8(data, q + 24 + 8 * i)[0] for i in range(n)])
                    q += 24 + 8 * n
                elif sub == 0x23:  # PRIMITIVE ARRAY
                    oid, n, kind = u8(data, q)[0], u4(data, q + 12)[0], data[q + 16]
                    objects[oid] = (ARRAYS[kind], 16 + SIZES[kind] * n, [])
                    q += 17 + SIZES[kind] * n
                else:
                    raise SystemExit(f"heap-by-owner: unknown heap record {sub:#x}")
    layouts = {}
    for oid, cid, q in instances:
        if cid not in layouts:
            flat, c = [], cid
            while c in classes:
                flat += classes[c][1]
                c = classes[c][0]
            layouts[cid] = flat
        refs, size = [], 12
        for kind in layouts[cid]:
            if kind == 2:
                refs.append(u8(data, q)[0])
                size += 4
            else:
                size += SIZES[kind]
            q += SIZES[kind]
        objects[oid] = (cid, size, refs)

    def name(cid):
        if isinstance(cid, str):
            return cid
        return names.get(class_name.get(cid), "?").replace("/", ".")
    return objects, roots, name


def main():
    objects, roots, name = read(sys.argv[1])
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    own = {}  # object -> owner name
    queue = collections.deque()
    for r in roots:
        if r in objects and r not in own:
            own[r] = "framework/JDK"
            queue.append(r)
    while queue:
        o = queue.popleft()
        _, _, refs = objects[o]
        owner = own[o]
        for r in refs:
            if r in objects and r not in own:
                rc = objects[r][0]
                n = name(rc) if rc is not None else name(r)  # a class: its own name (its statics are its)
                own[r] = n if n.startswith("org.alidade.") else owner
                queue.append(r)
    total, count = collections.Counter(), collections.Counter()
    by_type = collections.defaultdict(collections.Counter)
    for o, owner in own.items():
        cid, size, _ = objects[o]
        if cid is None:
            continue  # a class: its statics are followed, its own size is not heap
        size = (size + 7) // 8 * 8
        total[owner] += size
        count[owner] += 1
        by_type[owner][name(cid)] += size
    print(f"live objects reached: {sum(count.values())}, {sum(total.values()) / 1e6:.1f} MB")
    for owner, size in total.most_common(top):
        kinds = ", ".join(f"{k} {v / 1e3:.0f}" for k, v in by_type[owner].most_common(4))
        print(f"{size / 1e3:10.1f} KB {count[owner]:8d} objects  {owner}  ({kinds} KB)")


if __name__ == "__main__":
    main()
