package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The node graph of a VRML97 text file as plain data: nodes with their type, DEF name and field values (numbers,
 * strings, booleans or nodes, each field a flat list), the DEF table and the ROUTEs. Enough of the grammar for
 * scene-graph animation files; PROTO and Script declarations are refused rather than misread.
 */
public final class VrmlScene {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** A node; {@code fields} maps a field name to its values in file order. */
    public record Node(String type, String def, Map<String, List<Object>> fields) {
        public List<Object> field(String name) {
            return fields.getOrDefault(name, List.of());
        }

        public double[] numbers(String name, double... defaults) {
            List<Object> values = fields.get(name);
            if (values == null) {
                return defaults.clone();
            }
            double[] out = new double[values.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(values.get(i) instanceof Double d)) {
                    throw new IllegalArgumentException("VRML: " + this + " field " + name + " holds " + values.get(i)
                            + " where a number is expected");
                }
                out[i] = d;
            }
            return out;
        }

        public List<Node> nodes(String name) {
            return field(name).stream().filter(Node.class::isInstance).map(Node.class::cast).toList();
        }

        @Override
        public String toString() {
            return def == null ? type : "DEF " + def + " " + type;
        }
    }

    /** {@code ROUTE from.fromField TO to.toField}. */
    public record Route(String from, String fromField, String to, String toField) {
    }

    private final List<Node> roots = new ArrayList<>();
    private final Map<String, Node> defs = new HashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private int pos;

    private VrmlScene() {
    }

    public static VrmlScene parse(String text) {
        VrmlScene scene = new VrmlScene();
        scene.tokenize(text);
        while (scene.pos < scene.tokens.size()) {
            if (scene.peek().equals("ROUTE")) {
                scene.route();
            } else {
                scene.roots.add(scene.node());
            }
        }
        return scene;
    }

    public List<Node> roots() {
        return List.copyOf(roots);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The node DEFined as {@code name}. */
    public Node def(String name) {
        Node n = defs.get(name);
        if (n == null) {
            throw new IllegalArgumentException("VRML: no node DEF " + name);
        }
        return n;
    }

    public boolean hasDef(String name) {
        return defs.containsKey(name);
    }

    private void tokenize(String text) {
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                int start = i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= text.length()) {
                    throw new IllegalArgumentException("VRML line " + line + ": unterminated string");
                }
                add(text.substring(start, ++i), line);
            } else if ("{}[]".indexOf(c) >= 0) {
                add(String.valueOf(c), line);
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && ",#\"{}[]".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                add(text.substring(start, i), line);
            }
        }
    }

    private void add(String token, int line) {
        tokens.add(token);
        lines.add(line);
    }

    private String peek() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("VRML: unexpected end of file");
        }
        return tokens.get(pos);
    }

    private String next() {
        String t = peek();
        pos++;
        return t;
    }

    private IllegalArgumentException error(String message) {
        int at = Math.min(pos, tokens.size() - 1);
        return new IllegalArgumentException("VRML line " + lines.get(at) + ": " + message + " at '"
                + tokens.get(at) + "'");
    }

    private void expect(String token) {
        if (!peek().equals(token)) {
            throw error("expected '" + token + "'");
        }
        pos++;
    }

    private void route() {
        expect("ROUTE");
        String[] from = eventName(next());
        expect("TO");
        String[] to = eventName(next());
        routes.add(new Route(from[0], from[1], to[0], to[1]));
    }

    private String[] eventName(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            pos--;
            throw error("expected NODE.field in ROUTE");
        }
        return new String[] {token.substring(0, dot), token.substring(dot + 1)};
    }

    private Node node() {
        String t = next();
        if (t.equals("USE")) {
            return def(next());
        }
        String def = null;
        if (t.equals("DEF")) {
            def = next();
            t = next();
        }
        if (t.equals("PROTO") || t.equals("EXTERNPROTO") || t.equals("Script")) {
            pos--;
            throw error(t + " is not supported");
        }
        if (!Character.isLetter(t.charAt(0))) {
            pos--;
            throw error("expected a node type");
        }
        Map<String, List<Object>> fields = new LinkedHashMap<>();
        Node node = new Node(t, def, fields);
        if (def != null) {
            defs.put(def, node);  // before the body, so that a later USE finds it
        }
        expect("{");
        while (!peek().equals("}")) {
            if (peek().equals("ROUTE")) {
                route();
                continue;
            }
            String field = next();
            if (!Character.isLetter(field.charAt(0))) {
                pos--;
                throw error("expected a field name in " + node);
            }
            fields.put(field, value());
        }
        pos++;
        return node;
    }

    private List<Object> value() {
        List<Object> out = new ArrayList<>();
        if (peek().equals("[")) {
            pos++;
            while (!peek().equals("]")) {
                if (peek().equals("ROUTE")) {
                    route();
                } else {
                    single(out);
                }
            }
            pos++;
        } else if (isScalar(peek())) {
            while (pos < tokens.size() && isScalar(peek())) {
                single(out);
            }
        } else {
            single(out);
        }
        return out;
    }

    private void single(List<Object> out) {
        String t = peek();
        if (NUMBER.matcher(t).matches()) {
            out.add(Double.parseDouble(next()));
        } else if (t.startsWith("\"")) {
            out.add(next().substring(1, t.length() - 1));
        } else if (t.equals("TRUE") || t.equals("FALSE")) {
            out.add(next().equals("TRUE"));
        } else if (t.equals("NULL")) {
            pos++;
        } else if (t.equals("DEF") || t.equals("USE") || Character.isLetter(t.charAt(0))) {
            out.add(node());
        } else {
            throw error("unexpected token");
        }
    }

    private static boolean isScalar(String t) {
        return NUMBER.matcher(t).matches() || t.startsWith("\"") || t.equals("TRUE") || t.equals("FALSE");
    }
}
