package io.cauri.web.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/**
 * HUB2's standard error body, on every 4xx and 5xx of both route families:
 * {@code {"status": 400, "code": "invalid_parameter", "message": "…", "request_id": "req_…", "param": "amount"}}.
 * {@code param} names the offending field (ours; absent when no single field is at fault).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String code, String message,
                       @JsonProperty("request_id") @Schema(requiredMode = NOT_REQUIRED) String requestId,
                       @Schema(requiredMode = NOT_REQUIRED) String param) {
}
