package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.cauri.wire.v1.V1BalanceTransaction;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.balancetransactions.V1BalanceTransactionsController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "Balance and statements")
@Controller("/api/v1/balance_transactions")
interface V1BalanceTransactionsApi {

    @Operation(operationId = "v1ListBalanceTransactions", summary = "List balance transactions (v1)",
            description = "Every movement of the merchant's books in the key's mode, newest first, by cursor.")
    @SecurityRequirement(name = "Bearer")
    @Parameter(name = "limit", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1BalanceTransactions.limit")
    @Parameter(name = "starting_after", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1BalanceTransactions.starting_after")
    @Parameter(name = "ending_before", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1BalanceTransactions.ending_before")
    @ApiResponse(responseCode = "200", description = "A list object of balance transactions.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1BalanceTransaction.Page.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @Get
    V1BalanceTransaction.Page list(HttpRequest<?> request);

    @Operation(operationId = "v1RetrieveBalanceTransaction", summary = "Retrieve a balance transaction (v1)")
    @SecurityRequirement(name = "Bearer")
    @ApiResponse(responseCode = "200", description = "The balance transaction.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1BalanceTransaction.class)))
    @ErrorResponses.Unauthorized
    @ApiResponse(responseCode = "404",
            description = "No such balance transaction in this merchant's books in this mode.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @Get("/{id}")
    V1BalanceTransaction retrieve(HttpRequest<?> request, @PathVariable String id);

    @Operation(operationId = "v1ExportBalanceTransactions", summary = "Export a period's balance transactions as CSV",
            description = "RFC 4180 CSV, oldest first, one header row: `id, created, type, source, currency, amount, "
                    + "fee, net, available_on, balance` (`balance`: the currency's available and pending money after "
                    + "the row). At most 92 days and 10 000 rows.")
    @SecurityRequirement(name = "Bearer")
    @Parameter(name = "from", in = ParameterIn.QUERY, required = true,
            ref = "#/components/parameters/V1BalanceTransactions.from")
    @Parameter(name = "to", in = ParameterIn.QUERY,
            ref = "#/components/parameters/V1BalanceTransactions.to")
    @ApiResponse(responseCode = "200", description = "The CSV file.",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @Get("/export")
    HttpResponse<String> export(HttpRequest<?> request);
}
