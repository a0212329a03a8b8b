package org.alidade.pollster.central.dynamic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the {@code *.yaml} files of the definition folders (folders in the configured order, files
 * sorted by name), as Ceilometer does, but never fails as a whole: a file that is not YAML, not a
 * list, or holds a bad definition yields a problem naming the file (and pollster and field) and
 * the rest loads. An empty file has no definitions (Ceilometer crashes on it). Only plain YAML
 * is read (SnakeYAML's safe constructor: no tags that build objects).
 */
public final class DefinitionLoader {

    /** What a scan found: definitions by name (the first of a name wins) and the problems. */
    public record Result(Map<String, Definition> definitions, List<String> problems) {
    }

    private DefinitionLoader() {
    }

    public static Result load(List<Path> folders) {
        Map<String, Definition> defs = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.exists(folder)) {
                continue; // as upstream: no folder, no dynamic pollsters (Ceilometer's default folder rarely exists)
            }
            if (!Files.isDirectory(folder)) {
                problems.add(folder + ": not a folder (pollsters_definitions_dirs)");
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.yaml")) {
                ds.forEach(files::add);
            } catch (IOException e) {
                problems.add(folder + ": cannot be listed: " + e);
                continue;
            }
            files.sort(null);
            for (Path f : files) {
                loadFile(f, defs, problems);
            }
        }
        return new Result(defs, problems);
    }

    private static void loadFile(Path file, Map<String, Definition> defs, List<String> problems) {
        Object doc;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (IOException e) {
            problems.add(file + ": cannot be read: " + e);
            return;
        } catch (YAMLException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage().replaceAll("\\s+", " ").strip());
            return;
        }
        if (doc == null) {
            return; // empty: no definitions
        }
        if (!(doc instanceof List<?> items)) {
            problems.add(file + ": must be a YAML list of pollster definitions, not a "
                    + (doc instanceof Map ? "mapping" : doc.getClass().getSimpleName()));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                problems.add(file + ": item " + (i + 1) + " is not a mapping");
                continue;
            }
            Map<String, Object> raw = new LinkedHashMap<>();
            m.forEach((k, v) -> raw.put(String.valueOf(k), v));
            try {
                Definition d = DefinitionParser.parse(file, raw);
                Definition earlier = defs.get(d.name());
                if (earlier != null) {
                    problems.add(file + ": pollster '" + d.name() + "' is already defined in " + earlier.file()
                            + ": the first definition is used");
                } else {
                    defs.put(d.name(), d);
                }
            } catch (DefinitionException e) {
                problems.add(e.getMessage());
            }
        }
    }
}
