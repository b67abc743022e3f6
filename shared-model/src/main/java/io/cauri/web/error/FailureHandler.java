package io.cauri.web.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Every exception a controller lets out (ours and the domain's) becomes the HUB2 error body. Micronaut's
 * more specific built-in handlers (bad query conversion, unknown route, …) still run, and their bodies
 * come out the same shape through {@link Hub2ErrorResponseProcessor}.
 */
@Singleton
@Produces
public class FailureHandler implements ExceptionHandler<RuntimeException, HttpResponse<ApiError>> {
    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, RuntimeException exception) {
        return ErrorResponses.of(request, exception);
    }
}
