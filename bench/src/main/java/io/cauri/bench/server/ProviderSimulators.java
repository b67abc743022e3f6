package io.cauri.bench.server;

import io.cauri.simulator.fedapay.FedaPaySimulator;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import io.cauri.simulator.wave.WaveSimulator;

import java.time.Duration;

/**
 * The three provider simulators (simulators/*) in one JVM apart from the function's, as a provider is apart from
 * Cauri: bench/connector measures what a live connector adds to the attempt route, over real HTTP on 127.0.0.1.
 * Credentials come from the command line (bench/connector draws them per run). Prints
 * {@code READY <mtn-momo url> <wave url> <fedapay url>} and runs until killed.
 * <p>
 * Arguments: mtn subscription key, mtn api user (a UUID), mtn api key, wave api key, fedapay secret key.
 */
public final class ProviderSimulators {
    /** The MTN target environment and currency the bench's live attempts use (Côte d'Ivoire, XOF). */
    public static final String MTN_ENVIRONMENT = "mtnivorycoast";

    private ProviderSimulators() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: ProviderSimulators MTN_SUBSCRIPTION_KEY MTN_API_USER MTN_API_KEY "
                    + "WAVE_API_KEY FEDAPAY_SECRET_KEY");
        }
        // a payer who answers after a minute: the bench measures the attempt's first answer, not the outcome
        MtnMomoSimulator mtn = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(
                        new MtnMomoSimulator.Credentials(args[0], args[1], args[2]))
                .withTargetEnvironment(MTN_ENVIRONMENT).withCurrency("XOF").withPayerDelay(Duration.ofMinutes(1)), 0);
        WaveSimulator wave = WaveSimulator.start(WaveSimulator.Settings.of(args[3]), 0);
        FedaPaySimulator fedapay = FedaPaySimulator.start(FedaPaySimulator.Settings.of(args[4])
                .withPayerDelay(Duration.ofMinutes(1)));
        System.out.println("READY " + mtn.baseUrl() + " " + wave.baseUrl() + " " + fedapay.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
