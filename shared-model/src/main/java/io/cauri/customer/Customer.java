package io.cauri.customer;

import io.cauri.merchant.Mode;

/** A merchant's customer in one mode (v1 {@code customer}), known by email and/or phone. */
public record Customer(String id, String merchantId, Mode mode, String email, String phone) {
}
