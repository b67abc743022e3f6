package io.cauri.web.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A request body read as a JSON tree, with typed accessors that refuse what does not fit — a decimal or
 * a string where an integer amount belongs, an amount beyond {@code long} — naming the field. Reading the
 * tree ourselves (rather than binding to a record) is what lets every bad input get a precise 400.
 */
public final class JsonBody {
    /** Deepest nesting a body may have: the deepest valid request (v1 confirm) is 3 levels. */
    public static final int MAX_DEPTH = 32;
    /** Longest string (or field name) anywhere in a body; fields have their own, smaller limits. */
    public static final int MAX_STRING_CHARS = 8192;
    private static final JsonFactory SYNTAX = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_STRING_CHARS)
                    .build())
            .build();

    private final JsonNode root;
    private final String prefix;

    private JsonBody(JsonNode root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    public static JsonBody parse(JsonMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.of(Refusal.INVALID_JSON, "The request body must be a JSON object.", null);
        }
        JsonNode root;
        try {
            // the bounded syntax pass first: a hostile body (deep nesting, huge strings) never reaches the mapper
            if (!isOneJsonText(body)) {
                throw new IOException("content after the JSON value");
            }
            root = mapper.readValue(body, Argument.of(JsonNode.class));
        } catch (StreamConstraintsException e) {
            throw ApiException.of(Refusal.INVALID_JSON, "The request body is nested deeper than " + MAX_DEPTH
                    + " levels or holds a string longer than " + MAX_STRING_CHARS + " characters.", null);
        } catch (IOException | RuntimeException e) {
            throw ApiException.of(Refusal.INVALID_JSON, "The request body is not valid JSON.", null);
        }
        if (root == null || !root.isObject()) {
            throw ApiException.of(Refusal.INVALID_JSON, "The request body must be a JSON object.", null);
        }
        return new JsonBody(root, "");
    }

    /**
     * Whether a body opens more than {@code max} arrays or objects inside each other, counted on the raw text
     * (brackets inside strings do not count). Checked before any JSON reader runs: Micronaut's recursive
     * decoder, reached by {@code request.getBody(String.class)}, can exhaust the thread's stack on a body
     * nested a thousand deep before Jackson's own depth limit stops it (a StackOverflowError, hence a 500).
     */
    public static boolean nestsDeeperThan(CharSequence body, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character cannot end the string
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > max) {
                    return true;
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--; // a stray closing bracket (malformed anyway) does not buy depth for what follows
            }
        }
        return false;
    }

    /**
     * The mapper reads the first JSON value and ignores whatever follows it ({@code {"amount":1} x}, or
     * {@code {...}{...}}). A body is one JSON text (RFC 8259): only whitespace may follow the value.
     */
    private static boolean isOneJsonText(String body) throws IOException {
        try (JsonParser parser = SYNTAX.createParser(body)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING) {
                    parser.getText(); // read in full (not skipped), so that the string length limit applies
                }
                if (depth == 0) {
                    break;
                }
            }
            return parser.nextToken() == null;
        }
    }

    public boolean has(String field) {
        JsonNode node = root.get(field);
        return node != null && !node.isNull();
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> ApiException.missing(path(field)));
    }

    public Optional<String> optionalString(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString()) {
            throw ApiException.invalid(path(field), path(field) + " must be a string.");
        }
        return Optional.of(node.getStringValue());
    }

    /** A JSON integer that fits in a {@code long}; {@code 1.5}, {@code 1.0}, {@code "100"} and 2^63 are refused. */
    public long requiredInteger(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.missing(path(field));
        }
        if (!node.isNumber()) {
            throw ApiException.invalid(path(field), path(field) + " must be an integer.");
        }
        Number n = node.getNumberValue();
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            throw ApiException.invalid(path(field), path(field) + " is too large.");
        }
        if (n instanceof BigDecimal || n instanceof Double || n instanceof Float) {
            throw ApiException.invalid(path(field), path(field) + " must be an integer number of minor units.");
        }
        throw ApiException.invalid(path(field), path(field) + " must be an integer.");
    }

    /** An array of strings (empty if absent); anything else in it is refused, naming the field. */
    public Optional<java.util.List<String>> optionalStringList(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw ApiException.invalid(path(field), path(field) + " must be an array of strings.");
        }
        java.util.List<String> values = new java.util.ArrayList<>(node.size());
        for (JsonNode value : node.values()) {
            if (!value.isString()) {
                throw ApiException.invalid(path(field), path(field) + " must be an array of strings.");
            }
            values.add(value.getStringValue());
        }
        return Optional.of(values);
    }

    /** A nested object, whose fields report their path as {@code parent.child}. */
    public Optional<JsonBody> optionalObject(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw ApiException.invalid(path(field), path(field) + " must be an object.");
        }
        return Optional.of(new JsonBody(node, path(field) + "."));
    }

    /**
     * An object of string values (v1 {@code metadata}), in its order; a non-string value is refused naming
     * its key ({@code metadata.order_id}).
     */
    public Optional<java.util.Map<String, String>> optionalStringMap(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw ApiException.invalid(path(field), path(field) + " must be an object of strings.");
        }
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, JsonNode> entry : node.entries()) {
            if (!entry.getValue().isString()) {
                throw ApiException.invalid(path(field) + "." + entry.getKey(), "Every " + path(field)
                        + " value must be a string.");
            }
            values.put(entry.getKey(), entry.getValue().getStringValue());
        }
        return Optional.of(values);
    }

    /** A {@code true} or {@code false}; anything else is refused, naming the field. */
    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw ApiException.invalid(path(field), path(field) + " must be true or false.");
        }
        return Optional.of(node.getBooleanValue());
    }

    /** The names of the body's fields, in order: a route that takes only some refuses the others. */
    public java.util.List<String> fieldNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, JsonNode> entry : root.entries()) {
            names.add(entry.getKey());
        }
        return names;
    }

    public String path(String field) {
        return prefix + field;
    }
}
