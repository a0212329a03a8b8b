package org.alidade.agent.core.polling;

import java.util.Map;
import org.alidade.api.Sample;

/** Turns a sample into its signed meter message (reference §2.2–2.3). */
@FunctionalInterface
public interface MessageFactory {

    /**
     * @param timestamp the call's unified timestamp, which replaces the sample's own
     */
    Map<String, Object> signedMessage(Sample sample, String timestamp);
}
