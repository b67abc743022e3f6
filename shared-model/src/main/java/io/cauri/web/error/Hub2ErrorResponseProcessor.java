package io.cauri.web.error;

import io.cauri.web.log.RequestLog;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives the errors Micronaut itself raises (no such route, wrong method, unsupported media type, a query
 * value that does not convert, …) the same HUB2 error body as ours, instead of Micronaut's own JSON.
 * Server errors get a generic message: internals never leave the process.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class Hub2ErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        String code = ErrorCode.forStatus(status);
        String message;
        String param = null;
        if (status == 400 && context.getRootCause().filter(CodecException.class::isInstance).isPresent()) {
            code = ErrorCode.INVALID_JSON; // the body could not be read at all (e.g. empty)
            message = "The request body must be a JSON object.";
        } else if (status >= 500) {
            message = "Internal error.";
        } else if (status == 404) {
            message = "No such route or object.";
        } else if (status == 405) {
            message = "This method is not allowed on this route.";
        } else {
            Error first = context.getErrors().isEmpty() ? null : context.getErrors().get(0);
            message = first == null ? "Invalid request." : first.getMessage();
            param = first == null ? null : first.getPath().map(Hub2ErrorResponseProcessor::lastSegment).orElse(null);
        }
        String requestId = RequestLog.requestId(context.getRequest());
        if (status >= 500) {
            context.getRootCause().ifPresent(cause -> RequestLog.failedWith(context.getRequest(), ErrorResponses.describe(cause)));
        }
        return ((MutableHttpResponse<ApiError>) response)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Request-Id", requestId)
                .body(new ApiError(status, code, message, requestId, param));
    }

    private static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
