package org.alidade.coordination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.alidade.coordination.partition.Coordinator;
import org.alidade.coordination.partition.PartitionView;
import org.alidade.coordination.ring.HashRing;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gogo command {@code alidade:partition}: the coordination state, and per group its members,
 * this agent's part of the ring and what it kept of the last cycle's resources. Registered
 * without importing Gogo, which calls public methods by name.
 */
@Component(service = PartitionCommand.class,
        property = {"osgi.command.scope=alidade", "osgi.command.function=partition"})
public final class PartitionCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CoordinationComponent coordination;

    /** Prints the partitioning state. */
    public String partition() {
        CoordinationComponent c = coordination;
        if (c == null) {
            return "coordination: off (no " + CoordinationConfig.PID + " configuration): this agent polls everything";
        }
        if (c.configError() != null) {
            return "coordination: " + c.configError() + "\nfallback " + c.errorFallback() + " until it is fixed";
        }
        Coordinator co = c.coordinator();
        if (co == null) {
            return "coordination: off (backend_url is empty): this agent polls everything";
        }
        return render(co);
    }

    /** The text of {@code alidade:partition} for a running coordinator. */
    public static String render(Coordinator co) {
        PartitionView v = co.view();
        StringBuilder sb = new StringBuilder();
        PartitionView.State state = v.effectiveState(System.nanoTime());
        sb.append("state:      ").append(state.name().toLowerCase()).append(" since ").append(v.since()).append('\n');
        if (v.error() != null) {
            sb.append("error:      ").append(v.error()).append('\n');
        }
        if (state == PartitionView.State.HOLDING) {
            sb.append("            keeping the last membership until ZooKeeper is back, then fallback ")
                    .append(co.settings().fallback()).append('\n');
        }
        sb.append("zookeeper:  ").append(co.settings().connect());
        long session = co.sessionId();
        sb.append(session == 0 ? " (no session)" : String.format(" (session 0x%x)", session)).append('\n');
        sb.append("member:     ").append(co.member()).append('\n');
        sb.append("fallback:   ").append(co.settings().fallback()).append(" after ")
                .append(co.settings().holdsForever() ? "never (hold for ever)"
                        : co.settings().hold().toSeconds() + " s without ZooKeeper")
                .append("; calls answered by it: ").append(co.fallbackCalls()).append('\n');
        Map<String, Coordinator.Share> shares = co.shares();
        TreeSet<String> groups = new TreeSet<>(v.rings().keySet());
        groups.addAll(v.groupErrors().keySet());
        groups.addAll(shares.keySet());
        if (groups.isEmpty()) {
            sb.append("groups:     none yet");
            return sb.toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"GROUP", "ZOOKEEPER GROUP", "MEMBERS", "RING SHARE", "LAST CYCLE"});
        for (String g : groups) {
            PartitionView.GroupRing r = v.rings().get(g);
            Coordinator.Share s = shares.get(g);
            String zk = r != null ? r.zkGroup() : v.groupErrors().containsKey(g) ? "error: " + v.groupErrors().get(g)
                    : g.equals("local") ? "(never shared)" : "-";
            String members = r == null ? "-" : String.valueOf(r.ring().members().size());
            String ringShare = r == null ? "-" : String.format("%.1f%%", 100 * r.ring().share(co.member()));
            String last = s == null ? "-" : s.owned() + "/" + s.total() + String.format(" (%.1f%%)",
                    s.total() == 0 ? 0.0 : 100.0 * s.owned() / s.total());
            rows.add(new String[] {g, zk, members, ringShare, last});
        }
        table(sb, rows);
        for (String g : groups) {
            PartitionView.GroupRing r = v.rings().get(g);
            if (r != null) {
                HashRing ring = r.ring();
                sb.append('\n').append(r.zkGroup()).append(": ");
                List<String> ms = new ArrayList<>();
                ring.members().forEach(m -> ms.add(m.equals(co.member()) ? m + " (this agent)" : m));
                sb.append(String.join(", ", ms));
            }
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + width[i] + "s", row[i])).append(i < row.length - 1 ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.setLength(sb.length() - 1);
    }
}
