package org.alidade.pollster.central.dynamic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A safe subset of Python expressions for the {@code |} operations of dynamic pollsters
 * (reference §6.4), parsed once when the definition is loaded and evaluated on JSON values.
 * Nothing is executed that is not listed here: there is no attribute access, no import, no
 * assignment, no comprehension, and only the names below.
 *
 * <ul>
 * <li>Literals: strings ({@code '…'}, {@code "…"}, with {@code \} escapes; adjacent strings
 * concatenate), integers, floats, {@code True}, {@code False}, {@code None}, lists
 * {@code [a, b]}, tuples {@code (a, b)} (as lists), dicts {@code {'k': v}}.</li>
 * <li>Names: {@code value}, lambda parameters, and the functions {@code len str int float bool
 * list tuple sorted reversed filter map min max sum abs round any all}.</li>
 * <li>Operators: {@code x if c else y}, {@code or}, {@code and}, {@code not}, {@code == != < <=
 * > >= in not-in is is-not}, {@code + - * / // %}, unary {@code -}, indexing {@code v[i]},
 * {@code v['k']}, slices {@code v[a:b]}, {@code lambda a, b: expr}.</li>
 * <li>Methods: of strings {@code split rsplit strip lstrip rstrip lower upper title capitalize
 * replace startswith endswith join find count zfill isdigit splitlines}; of dicts {@code get keys
 * values items}; of lists {@code index count}.</li>
 * </ul>
 * {@code filter} and {@code map} return lists (Python returns iterators; {@code list(...)} of
 * them is the same). Errors carry the Python exception type ({@code KeyError}, …).
 */
public final class PyExpression {

    /** Names a definition may call. */
    static final Set<String> FUNCTIONS = Set.of("len", "str", "int", "float", "bool", "list", "tuple", "sorted",
            "reversed", "filter", "map", "min", "max", "sum", "abs", "round", "any", "all");

    static final Set<String> METHODS = Set.of("split", "rsplit", "strip", "lstrip", "rstrip", "lower", "upper",
            "title", "capitalize", "replace", "startswith", "endswith", "join", "find", "count", "zfill", "isdigit",
            "splitlines", "get", "keys", "values", "items", "index");

    /** A compiled node. */
    interface Node {
        Object eval(Map<String, Object> scope) throws EvalException;
    }

    private final String source;
    private final Node root;

    private PyExpression(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Parses an expression whose free names may be {@code variables} and the functions above.
     *
     * @throws IllegalArgumentException with the position and what is not allowed
     */
    public static PyExpression parse(String source, Set<String> variables) {
        Parser p = new Parser(Lexer.tokens(source), source, variables);
        Node n = p.expression();
        p.expectEnd();
        return new PyExpression(source, n);
    }

    /** Evaluates with the given variables. */
    public Object eval(Map<String, Object> variables) throws EvalException {
        try {
            return root.eval(variables);
        } catch (StackOverflowError e) {
            throw new EvalException("RecursionError", "expression too deep");
        } catch (ClassCastException | ArithmeticException e) {
            throw EvalException.typeError(e.getMessage());
        }
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    // ---------------------------------------------------------------- lexer

    private record Token(String kind, String text, Object value, int pos) {
        boolean is(String t) {
            return (kind.equals("op") || kind.equals("name")) && text.equals(t);
        }
    }

    private static final class Lexer {
        private static final Set<String> OPS = Set.of("//", "==", "!=", "<=", ">=", "**", "(", ")", "[", "]", "{", "}",
                ",", ":", ".", "+", "-", "*", "/", "%", "<", ">", "=");

        static List<Token> tokens(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'' || c == '"') {
                    StringBuilder sb = new StringBuilder();
                    int start = i++;
                    while (true) {
                        if (i >= s.length()) {
                            throw new IllegalArgumentException("unterminated string at column " + (start + 1));
                        }
                        char d = s.charAt(i++);
                        if (d == c) {
                            break;
                        }
                        if (d == '\\' && i < s.length()) {
                            char e = s.charAt(i++);
                            sb.append(switch (e) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'r' -> '\r';
                                case '0' -> '\0';
                                default -> e;
                            });
                        } else {
                            sb.append(d);
                        }
                    }
                    out.add(new Token("str", s.substring(start, i), sb.toString(), start));
                } else if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                    int start = i;
                    boolean isFloat = false;
                    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_'
                            || s.charAt(i) == 'e' || s.charAt(i) == 'E'
                            || (s.charAt(i) == '-' || s.charAt(i) == '+') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E'))) {
                        isFloat |= s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E';
                        i++;
                    }
                    String text = s.substring(start, i).replace("_", "");
                    try {
                        Object v = isFloat ? (Object) Double.valueOf(text) : PyValues.integer(new java.math.BigInteger(text));
                        out.add(new Token("num", text, v, start));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad number '" + text + "' at column " + (start + 1));
                    }
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                        i++;
                    }
                    out.add(new Token("name", s.substring(start, i), null, start));
                } else {
                    String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                    String op = OPS.contains(two) ? two : String.valueOf(c);
                    if (!OPS.contains(op)) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at column " + (i + 1));
                    }
                    out.add(new Token("op", op, null, i));
                    i += op.length();
                }
            }
            out.add(new Token("end", "", null, s.length()));
            return out;
        }
    }

    // ---------------------------------------------------------------- parser

    private static final class Parser {
        private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "else", "lambda",
                "None", "True", "False");
        private static final Set<String> FORBIDDEN = Set.of("for", "import", "from", "await", "yield", "async",
                "del", "global", "nonlocal", "class", "def", "return", "with", "as", "while", "try", "raise", "assert",
                "pass", "break", "continue", "except", "finally", "elif");

        private final List<Token> tokens;
        private final String source;
        private final List<Set<String>> scopes = new ArrayList<>();
        private int at;

        Parser(List<Token> tokens, String source, Set<String> variables) {
            this.tokens = tokens;
            this.source = source;
            scopes.add(new HashSet<>(variables));
        }

        private Token peek() {
            return tokens.get(at);
        }

        private Token next() {
            return tokens.get(at++);
        }

        private boolean accept(String t) {
            if (peek().is(t)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(String t) {
            if (!accept(t)) {
                throw error("expected '" + t + "'");
            }
        }

        void expectEnd() {
            if (!peek().kind().equals("end")) {
                throw error("unexpected '" + peek().text() + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            Token t = peek();
            return new IllegalArgumentException(what + " at column " + (t.pos() + 1)
                    + (t.kind().equals("end") ? " (end of expression)" : " ('" + t.text() + "')"));
        }

        Node expression() {
            if (accept("lambda")) {
                List<String> params = new ArrayList<>();
                if (!peek().is(":")) {
                    do {
                        Token p = next();
                        if (!p.kind().equals("name") || KEYWORDS.contains(p.text())) {
                            at--;
                            throw error("expected a lambda parameter name");
                        }
                        params.add(p.text());
                    } while (accept(","));
                }
                expect(":");
                scopes.add(new HashSet<>(params));
                Node body = expression();
                scopes.remove(scopes.size() - 1);
                return scope -> (Callable) (args, kwargs) -> {
                    if (args.size() != params.size() || !kwargs.isEmpty()) {
                        throw EvalException.typeError("<lambda>() takes " + params.size() + " arguments, "
                                + args.size() + " given");
                    }
                    Map<String, Object> inner = new LinkedHashMap<>(scope);
                    for (int i = 0; i < params.size(); i++) {
                        inner.put(params.get(i), args.get(i));
                    }
                    return body.eval(inner);
                };
            }
            Node n = or();
            if (accept("if")) {
                Node cond = or();
                expect("else");
                Node other = expression();
                Node then = n;
                return s -> PyValues.truthy(cond.eval(s)) ? then.eval(s) : other.eval(s);
            }
            return n;
        }

        private Node or() {
            Node left = and();
            while (accept("or")) {
                Node l = left;
                Node r = and();
                left = s -> {
                    Object v = l.eval(s);
                    return PyValues.truthy(v) ? v : r.eval(s);
                };
            }
            return left;
        }

        private Node and() {
            Node left = not();
            while (accept("and")) {
                Node l = left;
                Node r = not();
                left = s -> {
                    Object v = l.eval(s);
                    return PyValues.truthy(v) ? r.eval(s) : v;
                };
            }
            return left;
        }

        private Node not() {
            if (accept("not")) {
                Node n = not();
                return s -> !PyValues.truthy(n.eval(s));
            }
            return comparison();
        }

        private Node comparison() {
            Node left = sum();
            List<String> ops = new ArrayList<>();
            List<Node> operands = new ArrayList<>();
            operands.add(left);
            while (true) {
                String op;
                if (peek().kind().equals("op") && Set.of("==", "!=", "<", "<=", ">", ">=").contains(peek().text())) {
                    op = next().text();
                } else if (accept("in")) {
                    op = "in";
                } else if (peek().is("not") && tokens.get(at + 1).is("in")) {
                    at += 2;
                    op = "not in";
                } else if (accept("is")) {
                    op = accept("not") ? "is not" : "is";
                } else {
                    break;
                }
                ops.add(op);
                operands.add(sum());
            }
            if (ops.isEmpty()) {
                return left;
            }
            return s -> {
                Object a = operands.get(0).eval(s);
                for (int i = 0; i < ops.size(); i++) {
                    Object b = operands.get(i + 1).eval(s);
                    if (!Operators.compare(ops.get(i), a, b)) {
                        return false;
                    }
                    a = b;
                }
                return true;
            };
        }

        private Node sum() {
            Node left = term();
            while (peek().is("+") || peek().is("-")) {
                String op = next().text();
                Node l = left;
                Node r = term();
                left = s -> Operators.arithmetic(op, l.eval(s), r.eval(s));
            }
            return left;
        }

        private Node term() {
            Node left = factor();
            while (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%")) {
                String op = next().text();
                Node l = left;
                Node r = factor();
                left = s -> Operators.arithmetic(op, l.eval(s), r.eval(s));
            }
            return left;
        }

        private Node factor() {
            if (accept("-")) {
                Node n = factor();
                return s -> Operators.arithmetic("-", 0L, n.eval(s));
            }
            if (accept("+")) {
                return factor();
            }
            if (peek().is("**")) {
                throw error("'**' is not supported");
            }
            return postfix(atom());
        }

        private Node postfix(Node base) {
            Node n = base;
            while (true) {
                if (accept("[")) {
                    Node target = n;
                    Node lo = peek().is(":") ? null : expression();
                    if (accept(":")) {
                        Node hi = peek().is("]") ? null : expression();
                        expect("]");
                        n = s -> Operators.slice(target.eval(s), lo == null ? null : lo.eval(s),
                                hi == null ? null : hi.eval(s));
                    } else {
                        expect("]");
                        n = s -> Operators.index(target.eval(s), lo.eval(s));
                    }
                } else if (accept(".")) {
                    Token name = next();
                    if (!name.kind().equals("name")) {
                        at--;
                        throw error("expected a method name");
                    }
                    if (!peek().is("(")) {
                        at--;
                        throw error("attribute access is not supported (only calls of the listed methods)");
                    }
                    if (!METHODS.contains(name.text())) {
                        at--;
                        throw error("method '" + name.text() + "' is not supported");
                    }
                    expect("(");
                    Node target = n;
                    Args args = arguments();
                    String method = name.text();
                    n = s -> Methods.call(target.eval(s), method, args.values(s), args.keywords(s));
                } else if (peek().is("(")) {
                    throw error("only the listed functions can be called");
                } else {
                    return n;
                }
            }
        }

        private record Args(List<Node> positional, Map<String, Node> named) {
            List<Object> values(Map<String, Object> s) throws EvalException {
                List<Object> out = new ArrayList<>();
                for (Node n : positional) {
                    out.add(n.eval(s));
                }
                return out;
            }

            Map<String, Object> keywords(Map<String, Object> s) throws EvalException {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<String, Node> e : named.entrySet()) {
                    out.put(e.getKey(), e.getValue().eval(s));
                }
                return out;
            }
        }

        /** After '(' : arguments up to ')'. */
        private Args arguments() {
            List<Node> positional = new ArrayList<>();
            Map<String, Node> named = new LinkedHashMap<>();
            if (!accept(")")) {
                do {
                    if (peek().is(")")) {
                        break;
                    }
                    if (peek().kind().equals("name") && tokens.get(at + 1).is("=")) {
                        String k = next().text();
                        next();
                        named.put(k, expression());
                    } else {
                        if (!named.isEmpty()) {
                            throw error("positional argument after a keyword argument");
                        }
                        positional.add(expression());
                    }
                } while (accept(","));
                expect(")");
            }
            return new Args(positional, named);
        }

        private Node atom() {
            Token t = next();
            switch (t.kind()) {
                case "str": {
                    StringBuilder sb = new StringBuilder((String) t.value());
                    while (peek().kind().equals("str")) {
                        sb.append((String) next().value());
                    }
                    String v = sb.toString();
                    return s -> v;
                }
                case "num": {
                    Object v = t.value();
                    return s -> v;
                }
                case "name":
                    return name(t);
                case "op":
                    return switch (t.text()) {
                        case "(" -> parenthesis();
                        case "[" -> listLiteral();
                        case "{" -> dictLiteral();
                        default -> {
                            at--;
                            throw error("unexpected '" + t.text() + "'");
                        }
                    };
                default:
                    at--;
                    throw error("unexpected end");
            }
        }

        private Node name(Token t) {
            String n = t.text();
            switch (n) {
                case "None":
                    return s -> null;
                case "True":
                    return s -> true;
                case "False":
                    return s -> false;
                default:
                    break;
            }
            if (FORBIDDEN.contains(n)) {
                at--;
                throw error("'" + n + "' is not supported" + (n.equals("for") ? " (use filter or map)" : ""));
            }
            if (KEYWORDS.contains(n)) {
                at--;
                throw error("unexpected '" + n + "'");
            }
            for (int i = scopes.size() - 1; i >= 0; i--) {
                if (scopes.get(i).contains(n)) {
                    return s -> {
                        if (!s.containsKey(n)) {
                            throw new EvalException("NameError", "name '" + n + "' is not defined");
                        }
                        return s.get(n);
                    };
                }
            }
            if (FUNCTIONS.contains(n)) {
                Callable f = Builtins.function(n);
                if (accept("(")) {
                    Args args = arguments();
                    return s -> f.call(args.values(s), args.keywords(s));
                }
                return s -> f;
            }
            at--;
            throw error("name '" + n + "' is not allowed (allowed: " + String.join(", ", scopes.get(0))
                    + ", lambda parameters and the functions " + String.join(" ", new java.util.TreeSet<>(FUNCTIONS)) + ")");
        }

        private Node parenthesis() {
            if (accept(")")) {
                return s -> List.of();
            }
            Node first = expression();
            if (accept(")")) {
                return first;
            }
            List<Node> items = new ArrayList<>(List.of(first));
            while (accept(",")) {
                if (peek().is(")")) {
                    break;
                }
                items.add(expression());
            }
            expect(")");
            return listOf(items);
        }

        private Node listLiteral() {
            List<Node> items = new ArrayList<>();
            if (!accept("]")) {
                do {
                    if (peek().is("]")) {
                        break;
                    }
                    items.add(expression());
                    if (peek().is("for")) {
                        throw error("comprehensions are not supported (use filter or map)");
                    }
                } while (accept(","));
                expect("]");
            }
            return listOf(items);
        }

        private static Node listOf(List<Node> items) {
            return s -> {
                List<Object> out = new ArrayList<>();
                for (Node n : items) {
                    out.add(n.eval(s));
                }
                return out;
            };
        }

        private Node dictLiteral() {
            List<Node[]> entries = new ArrayList<>();
            if (!accept("}")) {
                do {
                    if (peek().is("}")) {
                        break;
                    }
                    Node k = expression();
                    expect(":");
                    entries.add(new Node[] {k, expression()});
                } while (accept(","));
                expect("}");
            }
            return s -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Node[] e : entries) {
                    out.put(e[0].eval(s), e[1].eval(s));
                }
                return out;
            };
        }
    }

    /** A function value: a builtin or a lambda. */
    interface Callable {
        Object call(List<Object> args, Map<String, Object> kwargs) throws EvalException;
    }
}
