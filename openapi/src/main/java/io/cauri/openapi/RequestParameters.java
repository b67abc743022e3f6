package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Request parameters several operations share, written once as meta-annotations (see {@link ErrorResponses}). */
final class RequestParameters {

    private RequestParameters() {
    }

    /** An operation that takes an {@code Idempotency-Key}, and the refusal of a key reused for another request. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
            description = "Retries with the same key replay the first answer for 24 h.",
            schema = @Schema(maxLength = 255))
    @ApiResponse(responseCode = "422",
            description = "This Idempotency-Key was already used with a different request.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @interface Idempotent {
    }

    /** The HUB2 lists' window and page: {@code from}, {@code to}, {@code page}, {@code perPage}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "from", in = ParameterIn.QUERY,
            description = "ISO-8601 start (default: the first of this month, UTC).",
            schema = @Schema(format = "date-time"))
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "ISO-8601 end (default: now).",
            schema = @Schema(format = "date-time"))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "1-based page (default 1).",
            schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "perPage", in = ParameterIn.QUERY, description = "Page size (default 10).",
            schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
    @interface DateRangePage {
    }
}
