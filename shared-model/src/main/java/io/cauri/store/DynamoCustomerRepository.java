package io.cauri.store;

import io.cauri.customer.Customer;
import io.cauri.customer.CustomerRepository;
import io.cauri.id.Ids;
import io.cauri.merchant.Mode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CustomerRepository} on the customers table. One item per customer ({@code pk = <merchant>#<mode>#id#cus_…})
 * and one claim item per email and per phone ({@code …#email#<email>} → customer id), written with
 * {@code attribute_not_exists}: the first writer of an email or phone owns it, later callers read its owner.
 */
@Singleton
public class DynamoCustomerRepository implements CustomerRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCustomerRepository(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.table = names.customers();
    }

    @Override
    public Optional<Customer> find(String merchantId, Mode mode, String customerId) {
        Map<String, AttributeValue> item = get(key(merchantId, mode, "id", customerId));
        if (item == null) {
            return Optional.empty();
        }
        return Optional.of(new Customer(customerId, merchantId, mode, string(item, "email"), string(item, "phone")));
    }

    @Override
    public Customer findOrCreate(String merchantId, Mode mode, String email, String phone) {
        String normalisedEmail = email == null ? null : email.toLowerCase(Locale.ROOT);
        for (String[] claim : new String[][]{{"email", normalisedEmail}, {"phone", phone}}) {
            if (claim[1] != null) {
                Map<String, AttributeValue> owner = get(key(merchantId, mode, claim[0], claim[1]));
                if (owner != null) {
                    return find(merchantId, mode, owner.get("customerId").s()).orElseThrow();
                }
            }
        }
        String id = Ids.next(Ids.CUSTOMER);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(key(merchantId, mode, "id", id)));
        if (normalisedEmail != null) {
            item.put("email", AttributeValue.fromS(normalisedEmail));
        }
        if (phone != null) {
            item.put("phone", AttributeValue.fromS(phone));
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
        // Claim the email first, then the phone; a lost claim means another request created the customer.
        for (String[] claim : new String[][]{{"email", normalisedEmail}, {"phone", phone}}) {
            if (claim[1] == null) {
                continue;
            }
            try {
                dynamo.putItem(r -> r.tableName(table)
                        .item(Map.of("pk", AttributeValue.fromS(key(merchantId, mode, claim[0], claim[1])),
                                "customerId", AttributeValue.fromS(id)))
                        .conditionExpression("attribute_not_exists(pk)"));
            } catch (ConditionalCheckFailedException taken) {
                String owner = get(key(merchantId, mode, claim[0], claim[1])).get("customerId").s();
                return find(merchantId, mode, owner).orElseThrow();
            }
        }
        return new Customer(id, merchantId, mode, normalisedEmail, phone);
    }

    private Map<String, AttributeValue> get(String pk) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static String key(String merchantId, Mode mode, String kind, String value) {
        return merchantId + "#" + mode.name() + "#" + kind + "#" + value;
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }
}
