package io.cauri.openapi;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a HUB2 operation, written once: the security requirement and the merchant headers that go with
 * the {@code ApiKey} scheme. Meta-annotations that micronaut-openapi expands on each operation they stand on
 * (the v1 family's {@code Bearer} requirement is one line and stays on its operations).
 */
final class Callers {

    private Callers() {
    }

    /** The merchant's server only: {@code ApiKey} with its two headers, both required. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = true, ref = "#/components/parameters/MerchantId")
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = true, ref = "#/components/parameters/Environment")
    @interface MerchantServer {
    }

    /**
     * The merchant's server ({@code ApiKey} and its headers) or the payer's app holding the intent's token in the
     * request body: the headers are then absent, so not required.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = false,
            ref = "#/components/parameters/MerchantIdOptional")
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = false,
            ref = "#/components/parameters/EnvironmentOptional")
    @interface MerchantServerOrTokenInBody {
    }

    /** The merchant's server ({@code ApiKey} and its headers) or the payer's app with {@code ?token=}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @SecurityRequirement(name = "ApiKey")
    @SecurityRequirement(name = "IntentToken")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = false,
            ref = "#/components/parameters/MerchantIdOptional")
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = false,
            ref = "#/components/parameters/EnvironmentOptional")
    @interface MerchantServerOrIntentToken {
    }
}
