package io.cauri.localapi;

import io.cauri.simulator.fedapay.FedaPaySimulator;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import io.cauri.simulator.wave.WaveSimulator;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --simulated-providers}: the repository's MTN MoMo, Wave and FedaPay simulators (simulators/*), started in
 * this JVM on 127.0.0.1 ports the system picks, with the connectors configured to them, so a live payment can be
 * made end to end without a provider account. Their webhooks go to this server's provider-events routes. The
 * credentials are the simulators' own demo values, not secrets.
 */
final class SimulatedProviders implements AutoCloseable {
    static final MtnMomoSimulator.Credentials MTN = new MtnMomoSimulator.Credentials("sim-subscription-key",
            "9f6c1c5e-1b1e-4b39-9d44-3c1f2b8f6a10", "sim-api-key");
    static final String WAVE_API_KEY = "wave_sn_prod_simulated";
    static final String WAVE_SIGNING_SECRET = "wave_sn_AKS_simulated";
    static final String WAVE_WEBHOOK_SECRET = "wave_sn_WHS_simulated";
    static final String FEDAPAY_SECRET_KEY = "sk_sandbox_simulated";
    static final String FEDAPAY_WEBHOOK_SECRET = "wh_sandbox_simulated";

    private final MtnMomoSimulator mtn;
    private final WaveSimulator wave;
    private final FedaPaySimulator fedapay;

    private SimulatedProviders(MtnMomoSimulator mtn, WaveSimulator wave, FedaPaySimulator fedapay) {
        this.mtn = mtn;
        this.wave = wave;
        this.fedapay = fedapay;
    }

    /**
     * Starts the three simulators. MTN runs as MTN's sandbox does (target environment {@code sandbox}, EUR: any of
     * our currencies' amounts is taken), so every MTN route of coverage can be tried.
     *
     * @param apiBaseUrl this server's base URL: where Wave's and FedaPay's signed webhooks are sent
     */
    static SimulatedProviders start(String apiBaseUrl) throws Exception {
        MtnMomoSimulator mtn = null;
        WaveSimulator wave = null;
        try {
            mtn = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(MTN), 0);
            wave = WaveSimulator.start(WaveSimulator.Settings.of(WAVE_API_KEY).withSigningSecret(WAVE_SIGNING_SECRET)
                    .withWebhooks(URI.create(apiBaseUrl + "/providers/wave/events"), List.of(WAVE_WEBHOOK_SECRET)), 0);
            FedaPaySimulator fedapay = FedaPaySimulator.start(FedaPaySimulator.Settings.of(FEDAPAY_SECRET_KEY)
                    .withWebhook(URI.create(apiBaseUrl + "/providers/fedapay/events"), FEDAPAY_WEBHOOK_SECRET), 0);
            return new SimulatedProviders(mtn, wave, fedapay);
        } catch (Exception | Error e) {
            if (wave != null) {
                wave.close();
            }
            if (mtn != null) {
                mtn.close();
            }
            throw e;
        }
    }

    /** The connectors' settings pointing at the simulators. */
    ProvidersConfig config() {
        Map<String, Map<String, String>> c = new LinkedHashMap<>();
        c.put("mtn-momo", Map.of("baseUrl", mtn.baseUrl(), "subscriptionKey", MTN.subscriptionKey(),
                "apiUser", MTN.apiUser(), "apiKey", MTN.apiKey(), "targetEnvironment", "sandbox", "currency", "EUR"));
        c.put("wave", Map.of("baseUrl", wave.baseUrl().toString(), "apiKey", WAVE_API_KEY,
                "signingSecret", WAVE_SIGNING_SECRET, "webhookSecret", WAVE_WEBHOOK_SECRET));
        c.put("fedapay", Map.of("baseUrl", fedapay.baseUrl().toString(), "secretKey", FEDAPAY_SECRET_KEY,
                "webhookSecret", FEDAPAY_WEBHOOK_SECRET));
        return new ProvidersConfig(c);
    }

    MtnMomoSimulator mtn() {
        return mtn;
    }

    WaveSimulator wave() {
        return wave;
    }

    FedaPaySimulator fedapay() {
        return fedapay;
    }

    /** For the banner: where each simulator is and which payer numbers force which outcome. */
    String describe() {
        return "  MTN MoMo simulator  " + mtn.baseUrl() + "   (CI, BJ, CM, GN provider mtn; payer answers in 3 s)\n"
                + "      msisdn 46733123470 insufficient funds, 46733123451 payer declined, 46733123452 expired,\n"
                + "      46733123455 unknown payer, 46733123462 provider unavailable, 46733123453 never answers,\n"
                + "      any other number succeeds\n"
                + "  Wave simulator      " + wave.baseUrl() + "   (SN, CI provider wave; https redirection URLs needed)\n"
                + "      the payer opens nextAction.data.url and presses Pay or Fail (or: curl -X POST <that URL's\n"
                + "      path>/pay, e.g. " + wave.baseUrl() + "/c/cos-…/pay)\n"
                + "  FedaPay simulator   " + fedapay.baseUrl() + "   (BJ moov, TG moov and togocell; payer answers in 3 s)\n"
                + "      msisdn ending 64000002 insufficient funds, 64000003 payer declined, 64000004 canceled,\n"
                + "      64000005 never answers (expires), 64000006 declined without a reason, any other succeeds\n";
    }

    @Override
    public void close() {
        fedapay.close();
        wave.close();
        mtn.close();
    }

    @Override
    public String toString() {
        return "provider simulators";
    }
}
