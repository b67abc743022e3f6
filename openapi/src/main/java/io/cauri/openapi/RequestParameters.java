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
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    @ApiResponse(responseCode = "422",
            description = "This Idempotency-Key was already used with a different request.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @interface Idempotent {
    }

    /** The HUB2 lists' window and page: {@code from}, {@code to}, {@code page}, {@code perPage}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "from", in = ParameterIn.QUERY, ref = "#/components/parameters/From")
    @Parameter(name = "to", in = ParameterIn.QUERY, ref = "#/components/parameters/To")
    @Parameter(name = "page", in = ParameterIn.QUERY, ref = "#/components/parameters/Page")
    @Parameter(name = "perPage", in = ParameterIn.QUERY, ref = "#/components/parameters/PerPage")
    @interface DateRangePage {
    }
}
