package io.cauri.web.error;

import io.cauri.refusal.Refusal;

/**
 * A request the wire layer refuses, with everything its error body needs: a refusal of the catalogue, its
 * status given by {@link ErrorCode#status} only. Thrown at the edge, before any write, so a refused request
 * never leaves partial state.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String param;

    private ApiException(int status, String code, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    /** A refusal of the catalogue, with the status the HTTP layer gives it ({@link ErrorCode#status}). */
    public static ApiException of(Refusal refusal, String message, String param) {
        return new ApiException(ErrorCode.status(refusal), refusal.wire(), message, param);
    }

    public static ApiException invalid(String param, String message) {
        return of(Refusal.INVALID_PARAMETER, message, param);
    }

    public static ApiException missing(String param) {
        return of(Refusal.MISSING_PARAMETER, param + " is required.", param);
    }

    public static ApiException unauthorized(String message) {
        return of(Refusal.UNAUTHORIZED, message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }
}
