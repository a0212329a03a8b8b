package org.alidade.agent.core.sink;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a piece of code logged: slf4j-simple, the tests' logger, writes to System.err. */
final class StdErr {

    interface Action {
        void run() throws Exception;
    }

    private StdErr() {
    }

    static String during(Action action) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(err);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        System.err.print(text);
        return text;
    }
}
