package io.cauri.merchantcli;

import io.cauri.merchant.MerchantRepository;
import io.cauri.store.TableNames;
import io.micronaut.context.ApplicationContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The merchants table, reached through shared-model's own beans (DynamoDbFactory's client, TableNames,
 * DynamoMerchantRepository): the CLI reads and writes accounts exactly as the functions do, configured by
 * the same properties ({@code cauri.dynamodb.endpoint}, {@code cauri.tables.merchants}, or their environment
 * variables such as {@code CAURI_TABLES_MERCHANTS}).
 */
final class MerchantTable implements AutoCloseable {

    private final ApplicationContext context;

    private MerchantTable(ApplicationContext context) {
        this.context = context;
    }

    static MerchantTable open(String endpoint, String region, String merchantsTable) {
        return open(endpoint, region, merchantsTable, null);
    }

    static MerchantTable open(String endpoint, String region, String merchantsTable, String ledgerTable) {
        if (region != null) {
            String environment = System.getenv("AWS_REGION");
            if (environment != null && !environment.equals(region)) {
                // DynamoDbFactory gives AWS_REGION precedence; refuse rather than write to the other region
                throw new CommandFailure("--region " + region + " contradicts AWS_REGION=" + environment
                        + "; unset one of them");
            }
            // read by the SDK's region chain when AWS_REGION is not set
            System.setProperty("aws.region", region);
        }
        Map<String, Object> properties = new HashMap<>();
        if (endpoint != null) {
            properties.put("cauri.dynamodb.endpoint", endpoint);
        }
        if (merchantsTable != null) {
            properties.put("cauri.tables.merchants", merchantsTable);
        }
        if (ledgerTable != null) {
            properties.put("cauri.tables.ledger", ledgerTable);
        }
        return new MerchantTable(ApplicationContext.builder()
                .deduceEnvironment(false)
                .banner(false)
                .properties(properties)
                .start());
    }

    MerchantRepository repository() {
        return context.getBean(MerchantRepository.class);
    }

    /** The merchants' books (the ledger table), read as the functions read them. */
    io.cauri.ledger.Ledger ledger() {
        return context.getBean(io.cauri.ledger.Ledger.class);
    }

    String name() {
        return context.getBean(TableNames.class).merchants();
    }

    @Override
    public void close() {
        context.close();
    }
}
