package io.cauri.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An API answer outside 2xx. The API's error body ({@code status}, {@code code}, {@code message}, {@code param},
 * {@code request_id}: README "Errors") is shown as {@code code: message (param)}; a body that is not one (a proxy's
 * page) as its HTTP status and the start of the body.
 */
final class ApiError extends CliFailure {
    private final int status;
    private final String code;
    private final String requestId;

    private ApiError(int status, String code, String line, String requestId) {
        super(Cauri.EXIT_API, line);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    static ApiError of(int status, String body) {
        JsonNode error = Json.readOrNull(body);
        if (error != null && error.isObject() && error.path("code").isTextual()) {
            String code = error.get("code").asText();
            String message = error.path("message").asText("");
            String param = error.path("param").isTextual() ? error.get("param").asText() : null;
            String requestId = error.path("request_id").isTextual() ? error.get("request_id").asText() : null;
            String line = code + ": " + message + (param == null || param.isEmpty() ? "" : " (" + param + ")");
            return new ApiError(status, code, line, requestId);
        }
        String start = body == null ? "" : body.strip();
        if (start.length() > 200) {
            start = start.substring(0, 200) + "…";
        }
        return new ApiError(status, null, "HTTP " + status + (start.isEmpty() ? "" : ": " + start), null);
    }

    int status() {
        return status;
    }

    /** The error's stable code, or null when the body was not the API's error body. */
    String code() {
        return code;
    }

    @Override
    String detail() {
        return "HTTP " + status + (requestId == null ? "" : ", request_id " + requestId);
    }
}
