package org.alidade.publisher.amqp.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code rabbitmqctl} (and friends) and fails loudly, with their output, when they fail. Public for distribution/framework-it. */
public final class Rabbitmqctl {

    private Rabbitmqctl() {
    }

    public static String run(Map<String, String> env, long timeoutSeconds, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (is rabbitmq-server installed? "
                    + "scripts/test.sh installs it): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static String ctl(String node, String... args) {
        List<String> cmd = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        if (node != null) {
            cmd.add("-n");
            cmd.add(node);
        }
        cmd.addAll(List.of(args));
        return run(Map.of(), 60, cmd.toArray(new String[0]));
    }
}
