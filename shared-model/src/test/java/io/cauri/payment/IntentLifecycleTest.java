package io.cauri.payment;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentNotFoundException;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoIntentRepository;
import io.cauri.testing.LocalRepositories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service on the real repository and DynamoDB Local, with a fixed clock. */
class IntentLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123456789Z");

    private final DynamoIntentRepository repository = LocalRepositories.intents();
    private final IntentLifecycle service =
            new IntentLifecycle(repository, LocalRepositories.customers(), Clock.fixed(NOW, ZoneOffset.UTC),
                    io.cauri.provider.ProviderCoverage.load(io.micronaut.json.JsonMapper.createDefault()));
    private final String merchant = Ids.next("m_");

    private PaymentIntent create(Caller caller) {
        return service.create(caller, new IntentLifecycle.NewIntent("order-1", "cust-1", 2_500, Currency.XAF,
                "My Shop"));
    }

    @Test
    void createOpensAStoredIntentWaitingForPayment() {
        PaymentIntent created = create(Caller.server(merchant, Mode.SANDBOX));

        assertTrue(Ids.looksLike(Ids.INTENT, created.id()), created.id());
        assertEquals(new PaymentIntent(created.id(), merchant, Mode.SANDBOX, Instant.parse("2026-11-21T10:15:30.123Z"),
                Instant.parse("2026-11-21T10:15:30.123Z"), "order-1", "cust-1", IntentStatus.PAYMENT_REQUIRED, 2_500,
                Currency.XAF, List.of(), null, null, "My Shop", 1L, null), created);
        assertEquals(Optional.of(created), repository.find(created.id()), "what is stored is exactly what is shown");
    }

    @Test
    void aNonPositiveAmountNeverReachesTheTable() {
        assertThrows(IllegalArgumentException.class, () -> service.create(Caller.server(merchant, Mode.LIVE),
                new IntentLifecycle.NewIntent("o", "c", 0, Currency.XOF, null)));
        assertEquals(0, repository.list(new IntentRepository.Query(merchant, Mode.LIVE, NOW.minusSeconds(60),
                NOW.plusSeconds(60), null, null, 1, 10)).total());
    }

    @Test
    void theOwnerRetrievesItsIntentWithItsKeyOrItsToken() {
        PaymentIntent created = create(Caller.server(merchant, Mode.LIVE));

        assertEquals(created, service.retrieve(Caller.server(merchant, Mode.LIVE), created.id()));
        assertEquals(created, service.retrieve(Caller.client(merchant, Mode.LIVE, created.id()), created.id()));
    }

    @Test
    void anotherMerchantOrModeOrIntentTokenSeesNotFound() {
        PaymentIntent created = create(Caller.server(merchant, Mode.LIVE));
        PaymentIntent sibling = create(Caller.server(merchant, Mode.LIVE));

        assertThrows(IntentNotFoundException.class,
                () -> service.retrieve(Caller.server(Ids.next("m_"), Mode.LIVE), created.id()));
        assertThrows(IntentNotFoundException.class,
                () -> service.retrieve(Caller.server(merchant, Mode.SANDBOX), created.id()));
        assertThrows(IntentNotFoundException.class,
                () -> service.retrieve(Caller.client(merchant, Mode.LIVE, sibling.id()), created.id()),
                "a token is no key to another intent, even of the same merchant");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"pi_", "pay_AAAAAAAAAAAAAAAAAAAAA", "pi_AAAAAAAAAAAAAAAAAAAA/", "../pi_x"})
    void malformedIdsAreNotFound(String id) {
        assertThrows(IntentNotFoundException.class, () -> service.retrieve(Caller.server(merchant, Mode.LIVE), id));
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThrows(IntentNotFoundException.class,
                () -> service.retrieve(Caller.server(merchant, Mode.LIVE), Ids.next(Ids.INTENT)));
    }

    @Test
    void nowHasMillisecondsNoMore() {
        assertEquals(Instant.parse("2026-11-21T10:15:30.123Z"), service.now());
    }
}
