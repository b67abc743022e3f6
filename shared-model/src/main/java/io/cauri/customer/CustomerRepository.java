package io.cauri.customer;

import io.cauri.merchant.Mode;

import java.util.Optional;

/** Port: a merchant's customers, unique per merchant and mode by email and by phone. */
public interface CustomerRepository {

    Optional<Customer> find(String merchantId, Mode mode, String customerId);

    /**
     * The customer with this email (else this phone) for the merchant and mode, created if there is none.
     * Concurrent calls with the same email or phone end with the same customer.
     */
    Customer findOrCreate(String merchantId, Mode mode, String email, String phone);
}
