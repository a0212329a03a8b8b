package org.alidade.coordination.ring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A consistent hash ring over the members of one group: a pure, immutable function
 * (members, key) → owner, the same on every agent that sees the same members.
 *
 * <p>Each member is placed at {@code points} positions, the first 8 bytes of
 * {@code MD5("<member>#<i>")} read as an unsigned 64-bit number; a key is owned by the member
 * at the first position at or after {@code MD5(key)} (wrapping round). Adding a member only
 * moves keys to it; removing one only moves its own keys. It need not and does not match
 * tooz's ring (reference §1.10): Alidade agents partition among themselves.
 */
public final class HashRing {

    /**
     * Positions per member. With 3 members of random names the largest share is on average 3%
     * (at worst 8%) away from 1/3; 256 gave 6% (17%). A ring of 10 members builds in a few ms.
     */
    public static final int DEFAULT_POINTS = 1024;

    private static final HashRing EMPTY = new HashRing(new TreeSet<>(), new long[0], new String[0]);

    private final SortedSet<String> members;
    private final long[] positions;
    private final String[] owners;

    private HashRing(SortedSet<String> members, long[] positions, String[] owners) {
        this.members = members;
        this.positions = positions;
        this.owners = owners;
    }

    /** The ring of these members with {@link #DEFAULT_POINTS} positions each; order and duplicates do not matter. */
    public static HashRing of(Collection<String> members) {
        return of(members, DEFAULT_POINTS);
    }

    /** The ring of these members with {@code points} positions each. */
    public static HashRing of(Collection<String> members, int points) {
        if (points < 1) {
            throw new IllegalArgumentException("points must be 1 or more, not " + points);
        }
        SortedSet<String> sorted = new TreeSet<>();
        for (String m : members) {
            sorted.add(Objects.requireNonNull(m, "member"));
        }
        if (sorted.isEmpty()) {
            return EMPTY;
        }
        record Point(long position, String member) {
        }
        Point[] all = new Point[sorted.size() * points];
        int n = 0;
        for (String m : sorted) {
            for (int i = 0; i < points; i++) {
                all[n++] = new Point(hash(m + "#" + i), m);
            }
        }
        // ties (practically never) go to the smaller member name, so every agent agrees
        Arrays.sort(all, (a, b) -> {
            int c = Long.compareUnsigned(a.position, b.position);
            return c != 0 ? c : a.member.compareTo(b.member);
        });
        long[] positions = new long[all.length];
        String[] owners = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            positions[i] = all[i].position;
            owners[i] = all[i].member;
        }
        return new HashRing(java.util.Collections.unmodifiableSortedSet(sorted), positions, owners);
    }

    /** The members, sorted. */
    public SortedSet<String> members() {
        return members;
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /**
     * The member that owns {@code key}.
     *
     * @throws IllegalStateException when the ring has no member
     */
    public String owner(String key) {
        if (positions.length == 0) {
            throw new IllegalStateException("a ring without members owns nothing");
        }
        long h = hash(key);
        int lo = 0;
        int hi = positions.length;
        while (lo < hi) { // first position >= h, unsigned
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(positions[mid], h) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return owners[lo == positions.length ? 0 : lo];
    }

    /** Whether {@code member} owns {@code key}. */
    public boolean owns(String member, String key) {
        return !isEmpty() && owner(key).equals(member);
    }

    /** The part of the hash space that {@code member} owns, 0 to 1 (what it owns of many random keys). */
    public double share(String member) {
        if (positions.length == 0) {
            return 0;
        }
        double owned = 0;
        for (int i = 0; i < positions.length; i++) {
            if (owners[i].equals(member)) {
                // position i owns the arc (previous position, position i]
                long previous = positions[i == 0 ? positions.length - 1 : i - 1];
                long arc = positions[i] - previous; // modular arithmetic = the wrapped arc length
                owned += arc == 0 && positions.length == 1 ? 0x1p64 : unsigned(arc);
            }
        }
        return owned / 0x1p64;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : v + 0x1p64;
    }

    /** The ring position of a string: the first 8 bytes of its UTF-8 MD5, big-endian, unsigned. */
    static long hash(String s) {
        byte[] d = md5().digest(s.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashRing r && r.members.equals(members) && r.positions.length == positions.length;
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return "HashRing" + List.copyOf(members);
    }
}
