package io.cauri.merchant;

import java.util.Optional;

/** Port: where merchant accounts are kept. */
public interface MerchantRepository {
    Optional<Merchant> find(String merchantId);

    /** The merchant one of whose keys has this secret (v1 {@code Authorization: Bearer}); checked again by the caller. */
    Optional<Merchant> findByApiKey(String secret);

    void save(Merchant merchant);

    /** Stores a new merchant; false (and nothing written) if the id is taken, even by a racing create. */
    boolean create(Merchant merchant);
}
