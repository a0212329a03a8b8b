package org.alidade.coordination.zk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.alidade.coordination.partition.GroupNames;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * Group membership in ZooKeeper, one blocking call each: a group is the node
 * {@code /alidade/groups/<group>} (a container: ZooKeeper removes it once empty), a member is an
 * ephemeral child named by the member id, which ZooKeeper deletes when the member's session ends.
 * Paths are relative to the connect string's chroot.
 */
public final class ZkGroups {

    /** Where the groups live, under the chroot. */
    public static final String ROOT = "/alidade/groups";

    private final CuratorFramework client;

    public ZkGroups(CuratorFramework client) {
        this.client = client;
    }

    /** Whether the chroot exists (always true without a chroot). */
    public boolean chrootExists() throws Exception {
        return client.checkExists().forPath("/") != null;
    }

    /** The current session's id, or 0 without a session. */
    public long sessionId() throws Exception {
        return client.getZookeeperClient().getZooKeeper().getSessionId();
    }

    /**
     * The members of a group, ensuring {@code member} is one of them (created in this session
     * when missing), and leaving {@code watcher} to hear of the next change of membership.
     */
    public List<String> join(String group, String member, String data, CuratorWatcher watcher) throws Exception {
        String path = groupPath(group);
        List<String> members = children(path, watcher);
        if (members == null || !members.contains(member)) {
            try {
                client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                        .forPath(path + "/" + member, data.getBytes(StandardCharsets.UTF_8));
            } catch (KeeperException.NodeExistsException e) {
                // created by this session in a call whose answer was lost: it is ours
            }
            members = children(path, watcher);
        }
        return members == null ? List.of() : members;
    }

    /** Leaves a group (no error when not a member). */
    public void leave(String group, String member) throws Exception {
        try {
            client.delete().forPath(groupPath(group) + "/" + member);
        } catch (KeeperException.NoNodeException e) {
            // not a member (any more)
        }
    }

    private List<String> children(String path, CuratorWatcher watcher) throws Exception {
        try {
            return client.getChildren().usingWatcher(watcher).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    static String groupPath(String group) {
        return ROOT + "/" + GroupNames.segment(group);
    }
}
