package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error answers several operations share, each written once. Each is a meta-annotation: micronaut-openapi
 * reads the {@link ApiResponse} it carries as if it stood on the operation, so the document still holds the
 * response inline (an {@code ApiError} body under the operation's media type), as OpenApiCompletenessTest
 * requires, and no operation repeats its text.
 */
final class ErrorResponses {

    private ErrorResponses() {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "400", description = "Invalid input: `code` says what, `param` names the field.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @interface BadRequest {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @interface Unauthorized {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "404",
            description = "No such intent for this merchant (another merchant's intent is 404 too).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @interface IntentNotFound {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "404", description = "No such webhook (or event) for this merchant.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @interface WebhookNotFound {
    }

    /** A v1 list whose cursor is not one of the merchant's objects in this mode. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "404", description = "starting_after or ending_before is not one of the merchant's objects.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @interface CursorNotFound {
    }

    /** A change to an intent refused by its status, or an Idempotency-Key whose first request still runs. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "409",
            description = "Not allowed in the intent's current status, or the same Idempotency-Key is still running.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @interface Conflict {
    }

    /** The refusals of a payment attempt (HUB2 and v1 confirm alike). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "409",
            description = "Not allowed in the intent's current status (`invalid_state`), the intent already holds "
                    + "its 20 attempts (`too_many_attempts`: create a new intent), a live attempt debits the same "
                    + "number the same amount as another of the merchant's within 5 minutes (`duplicate_request`: "
                    + "wait for that payment's outcome), a concurrent change won "
                    + "(`concurrent_change`), or the same Idempotency-Key is still running or locked after a 5xx "
                    + "(`idempotency_key_in_use`).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @interface AttemptConflict {
    }
}
