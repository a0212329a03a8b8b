package org.alidade.pollster.central.dynamic;

import java.nio.file.Path;

/** A dynamic pollster definition that cannot be loaded: says the file, the pollster and the field. */
public final class DefinitionException extends Exception {

    private static final long serialVersionUID = 1L;

    public DefinitionException(Path file, String pollster, String field, String message) {
        super(file + ": " + (pollster == null ? "" : "pollster '" + pollster + "': ")
                + (field == null ? "" : "field '" + field + "': ") + message);
    }
}
