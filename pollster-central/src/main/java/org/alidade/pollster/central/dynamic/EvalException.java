package org.alidade.pollster.central.dynamic;

/**
 * An expression or attribute path failed on the data at hand, with the Python exception it
 * stands for: {@code KeyError} (a missing key: no next page, or an aborted pollster) or another
 * error.
 */
public final class EvalException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String pythonType;

    EvalException(String pythonType, String message) {
        super(pythonType + ": " + message);
        this.pythonType = pythonType;
    }

    static EvalException keyError(Object key) {
        return new EvalException("KeyError", PyValues.repr(key));
    }

    static EvalException typeError(String message) {
        return new EvalException("TypeError", message);
    }

    static EvalException valueError(String message) {
        return new EvalException("ValueError", message);
    }

    static EvalException indexError(String message) {
        return new EvalException("IndexError", message);
    }

    public boolean isKeyError() {
        return pythonType.equals("KeyError");
    }
}
