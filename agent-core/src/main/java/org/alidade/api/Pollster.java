package org.alidade.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One meter: turns a list of resources into samples, once per polling cycle.
 *
 * <p>Register it as a service with the properties {@value #NAME} (the meter name that
 * polling sources select, e.g. {@code cpu}) and {@value #NAMESPACE} (one or more of
 * {@code compute}, {@code central}, {@code hardware}, …); {@link PollsterMeter} does that as a
 * component property type. A service without a name is ignored (and logged).
 *
 * <p>The engine calls {@link #getSamples} on its own pool, with a time limit. Samples handed
 * to {@code out} before the call fails or times out are still published; samples handed over
 * after the time limit are dropped and counted. Implementations must be thread-safe: the same
 * pollster may be called for several sources of one cycle at once.
 */
@ConsumerType
public interface Pollster {

    /** Service property: the meter name that sources select ({@code String}). */
    String NAME = "pollster.name";

    /** Service property: the namespaces the pollster belongs to ({@code String} or {@code String[]}). */
    String NAMESPACE = "pollster.namespace";

    /**
     * The discovery URL ({@code name} or {@code name:param}) used when a source gives this
     * pollster no resources of its own; empty when the pollster needs none.
     */
    default Optional<String> defaultDiscovery() {
        return Optional.empty();
    }

    /**
     * Polls the given resources and hands each sample to {@code out} as soon as it is made.
     *
     * @param context   the cycle this call belongs to: its shared cache and the agent's host
     * @param resources never empty; already de-duplicated and stripped of blacklisted ones
     * @param out       receives the samples; the engine overwrites their timestamp
     * @throws PollsterPermanentException when some resources must never be polled again by
     *                                    this pollster (the engine blacklists them; clearable)
     * @throws Exception                  any other failure: logged, the cycle goes on
     */
    void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) throws Exception;
}
