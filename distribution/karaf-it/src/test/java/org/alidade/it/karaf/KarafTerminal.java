package org.alidade.it.karaf;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An interactive Karaf console, as a user has it at a terminal: {@code bin/client} without
 * {@code -b}, on a pseudo-terminal made by {@code script(1)} (util-linux), typed into key by key.
 * Batch mode ({@code bin/client -b}) reads lines, so it cannot complete; here TAB reaches Karaf's
 * line editor (JLine, on the server side) exactly as from a keyboard. The screen is read all the
 * time; {@link #type} waits for the text its keys should bring, with ANSI escapes, carriage
 * returns and backspaces removed.
 */
final class KarafTerminal implements AutoCloseable {

    /** Moves the cursor to the start of the line (Emacs key binding, JLine's default). */
    static final String LINE_START = "\u0001";
    static final String TAB = "\t";
    static final String ENTER = "\r";

    private static final Pattern CONTROL = Pattern.compile(
            "\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B\\][^\u0007]*\u0007|\u001B[=>()][0-9A-Za-z]?|[\r\b\u0007]");

    private final Process process;
    private final OutputStream keys;
    private final StringBuilder screen = new StringBuilder();
    private final Thread reader;
    /** Where the text of the next {@link #type} begins. */
    private int mark;

    private KarafTerminal(Process process) {
        this.process = process;
        this.keys = process.getOutputStream();
        this.reader = new Thread(this::read, "karaf-terminal");
        reader.setDaemon(true);
        reader.start();
    }

    /** Logs in through {@code bin/client} on a 250-column pseudo-terminal and waits for the prompt. */
    static KarafTerminal open(Path home, String javaHome, int sshPort) throws IOException, InterruptedException {
        Path script = Path.of("/usr/bin/script");
        if (!Files.isExecutable(script)) {
            throw new AssertionError("no " + script + " (util-linux): the completion test needs a pseudo-terminal");
        }
        // wide, so that no line the test types or reads is wrapped
        String client = "stty cols 250 rows 50; exec '" + home.resolve("bin/client") + "' -h 127.0.0.1 -a " + sshPort
                + " -u karaf -p karaf -r 10 -d 1";
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qfec", client, "/dev/null").directory(home.toFile())
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome);
        KarafTerminal terminal = new KarafTerminal(pb.start());
        terminal.type("", Pattern.compile("karaf@root\\(\\)> "), Duration.ofSeconds(60));
        return terminal;
    }

    private void read() {
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buffer = new char[4096];
            for (int n; (n = in.read(buffer)) >= 0;) {
                synchronized (screen) {
                    screen.append(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the terminal is closed
        }
    }

    /**
     * Types {@code keys} and waits until the screen, from the end of the previous call on, shows
     * {@code expected}; returns that part of the screen (without control characters).
     */
    String type(String keys, Pattern expected, Duration timeout) throws IOException, InterruptedException {
        this.keys.write(keys.getBytes(StandardCharsets.UTF_8));
        this.keys.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text;
            synchronized (screen) {
                text = CONTROL.matcher(screen.substring(mark)).replaceAll("");
            }
            Matcher m = expected.matcher(text);
            if (m.find()) {
                synchronized (screen) {
                    mark = screen.length();
                }
                return text;
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("the console did not show /" + expected + "/ within " + timeout.toSeconds()
                        + " s after typing " + printable(keys) + "; it shows:\n" + text);
            }
            Thread.sleep(100);
        }
    }

    private static String printable(String keys) {
        return "'" + keys.replace(TAB, "<TAB>").replace(ENTER, "<ENTER>").replace(LINE_START, "<CTRL-A>") + "'";
    }

    /** Logs out; the process (tree) is killed if it is still there after 10 s. */
    @Override
    public void close() throws InterruptedException {
        try {
            keys.write(("logout" + ENTER).getBytes(StandardCharsets.UTF_8));
            keys.flush();
            keys.close();
        } catch (IOException alreadyGone) {
            // nothing to log out from
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        reader.join(2_000);
    }
}
