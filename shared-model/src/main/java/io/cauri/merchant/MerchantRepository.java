package io.cauri.merchant;

import java.util.Optional;

/** Port: where merchant accounts are kept. */
public interface MerchantRepository {
    Optional<Merchant> find(String merchantId);

    void save(Merchant merchant);
}
