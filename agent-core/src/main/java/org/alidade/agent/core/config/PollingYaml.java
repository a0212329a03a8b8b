package org.alidade.agent.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a polling.yaml in Ceilometer's format (reference §1.1): a top-level mapping whose
 * {@code sources} key holds a list of sources; other top-level keys are ignored.
 *
 * <p>Unlike Ceilometer, which refuses to start on the first bad source, each source is judged
 * on its own: one bad source never hides the good ones. A problem with the file as a whole
 * (unreadable, not YAML, no {@code sources}) yields no sources at all.
 *
 * <p>Ceilometer silently merges two sources of the same name; here the later one is rejected
 * ({@code name: duplicate of source #1 in this file}), even when the earlier one is itself
 * invalid. The YAML is loaded safely: plain maps, lists and scalars, no Java types from tags.
 */
public final class PollingYaml {

    private static final String SOURCES = "sources";

    /**
     * What a polling.yaml holds.
     *
     * @param sources   the valid sources, in file order
     * @param rejected  the invalid ones, in file order, each saying why
     * @param fileError why the file as a whole is unusable, prefixed with its origin; null when
     *                  it is usable. When set, {@code sources} and {@code rejected} are empty.
     */
    public record Result(List<PollingSource> sources, List<InvalidSourceException> rejected,
            String fileError) {

        /** Copies the lists, so a result never changes after it is made. */
        public Result {
            sources = List.copyOf(sources);
            rejected = List.copyOf(rejected);
        }

        private static Result unusable(String origin, String problem) {
            return new Result(List.of(), List.of(), origin + ": " + problem);
        }
    }

    private PollingYaml() {
    }

    /**
     * Reads and parses a polling.yaml. Never throws for a bad or missing file: that is
     * {@link Result#fileError()}. The origin named in messages is the path as given.
     */
    public static Result read(Path file) {
        Objects.requireNonNull(file, "file");
        String origin = file.toString();
        // SnakeYAML reads the stream itself so that it honours a byte-order mark (UTF-16 files).
        try (InputStream in = Files.newInputStream(file)) {
            return load(origin, yaml -> yaml.load(in));
        } catch (NoSuchFileException e) {
            return Result.unusable(origin, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            return Result.unusable(origin, "cannot read: permission denied");
        } catch (IOException e) {
            return Result.unusable(origin, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Parses polling.yaml text, as {@link #read(Path)} does a file.
     *
     * @param origin names the text in messages
     */
    public static Result parse(String yamlText, String origin) {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(origin, "origin");
        return load(origin, yaml -> yaml.load(new StringReader(yamlText)));
    }

    private static Result load(String origin, Function<Yaml, Object> loader) {
        Object document;
        try {
            // Safe construction: plain maps, lists and scalars only, never arbitrary classes.
            document = loader.apply(new Yaml(new SafeConstructor(new LoaderOptions())));
        } catch (MarkedYAMLException e) {
            return Result.unusable(origin, "not valid YAML: " + describe(e));
        } catch (YAMLException e) {
            // SnakeYAML reads the stream itself, so read errors and undecodable bytes come
            // wrapped; anything else unmarked is a YAML limit (too many aliases, too large, …).
            if (e.getCause() instanceof CharacterCodingException) {
                return Result.unusable(origin,
                        "not valid YAML: the text is not UTF-8 (nor UTF-16 with a byte-order mark)");
            }
            if (e.getCause() instanceof IOException io) {
                return Result.unusable(origin, "cannot read: " + io.getMessage());
            }
            return Result.unusable(origin, "not valid YAML: " + e.getMessage());
        }
        if (document == null) {
            return Result.unusable(origin, "empty; sources required");
        }
        if (!(document instanceof Map<?, ?> top)) {
            return Result.unusable(origin, "the top level must be a mapping with a sources key, not "
                    + SourceParser.describe(document));
        }
        if (!top.containsKey(SOURCES)) {
            return Result.unusable(origin, "sources required");
        }
        if (!(top.get(SOURCES) instanceof List<?> entries)) {
            return Result.unusable(origin,
                    "sources must be a list, not " + SourceParser.describe(top.get(SOURCES)));
        }
        return parseEntries(entries, origin);
    }

    private static Result parseEntries(List<?> entries, String origin) {
        List<PollingSource> sources = new ArrayList<>();
        List<InvalidSourceException> rejected = new ArrayList<>();
        // First position (from 1) of every name seen, valid or not: a second entry with a name
        // is a conflict even when the first is itself invalid, so fixing the first does not
        // silently flip which one is in force.
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            PollingSource source;
            try {
                source = SourceParser.fromYaml(entries.get(i), i, origin);
            } catch (InvalidSourceException e) {
                rejected.add(e);
                if (e.sourceName() != null) {
                    firstByName.putIfAbsent(e.sourceName(), i + 1);
                }
                continue;
            }
            Integer first = firstByName.putIfAbsent(source.name(), i + 1);
            if (first != null) {
                // Ceilometer merges same-named sources silently; that hides mistakes.
                rejected.add(new InvalidSourceException(source.name(), i + 1, origin,
                        SourceParser.NAME, "duplicate of source #" + first + " in this file"));
            } else {
                sources.add(source);
            }
        }
        return new Result(sources, rejected, null);
    }

    /** "line 3, column 9: mapping values are not allowed here", line and column from 1. */
    private static String describe(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        StringBuilder m = new StringBuilder();
        if (mark != null) {
            m.append("line ").append(mark.getLine() + 1)
                    .append(", column ").append(mark.getColumn() + 1).append(": ");
        }
        // SnakeYAML splits its messages in two: "while parsing a flow node" + "expected …".
        if (e.getContext() != null) {
            m.append(e.getContext()).append(": ");
        }
        return m.append(e.getProblem() != null ? e.getProblem() : e.getMessage()).toString();
    }
}
