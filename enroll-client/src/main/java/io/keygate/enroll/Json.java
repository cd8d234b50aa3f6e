package io.keygate.enroll;

import java.util.LinkedHashMap;
import java.util.Map;

/** Just enough JSON for the enrollment call: writing strings, and reading a flat object of strings, numbers and booleans. */
final class Json {

    private Json() {
    }

    static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(string(name)).append(':').append(string(value));
        });
        return json.append('}').toString();
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The top-level members of an object, each as its text (strings unescaped); nested values are skipped whole. */
    static Map<String, String> flatObject(String json) {
        Reader reader = new Reader(json);
        Map<String, String> fields = new LinkedHashMap<>();
        reader.expect('{');
        if (reader.peek() == '}') {
            return fields;
        }
        do {
            String name = reader.string();
            reader.expect(':');
            fields.put(name, reader.value());
        } while (reader.next(','));
        reader.expect('}');
        return fields;
    }

    private static final class Reader {

        private final String text;
        private int at;

        Reader(String text) {
            this.text = text == null ? "" : text;
        }

        char peek() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (at >= text.length()) {
                throw new IllegalArgumentException("The answer ended early.");
            }
            return text.charAt(at);
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("The answer is not the JSON expected.");
            }
            at++;
        }

        boolean next(char c) {
            if (peek() == c) {
                at++;
                return true;
            }
            return false;
        }

        String value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '{' || c == '[') {
                skipNested();
                return null;
            }
            int start = at;
            while (at < text.length() && ",}] \n\r\t".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            return text.substring(start, at);
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped);
                }
            }
            throw new IllegalArgumentException("The answer ended inside a string.");
        }

        private void skipNested() {
            int depth = 0;
            boolean inString = false;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (inString) {
                    if (c == '\\') {
                        at++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return;
                }
            }
        }
    }
}
