package io.cauri.providerevents;

import io.cauri.intent.Currency;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pure parts of the payer pages: escaping, CSP origins, amounts. */
class HtmlPageTest {

    @Test
    void escapesEveryCharacterThatCouldEndTextOrAnAttribute() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
                HtmlPage.escape("<script>alert('x')</script> & \"q\""));
        assertEquals("", HtmlPage.escape(null));
    }

    @Test
    void onlyTheOriginOfAnHttpUrlReachesThePolicy() {
        assertEquals(Optional.of("https://shop.example"), HtmlPage.origin("https://Shop.Example/merci?x=1#y"));
        assertEquals(Optional.of("http://127.0.0.1:3000"), HtmlPage.origin("http://127.0.0.1:3000/checkout/eyJ"));
        assertEquals(Optional.empty(), HtmlPage.origin("javascript:alert(1)"));
        assertEquals(Optional.empty(), HtmlPage.origin("https://a.example;script-src *"));
        assertEquals(Optional.empty(), HtmlPage.origin(null));
        String csp = HtmlPage.ok("", List.of("https://a.example/x", "https://a.example/y", "ftp://b.example/"))
                .response().getHeaders().get("Content-Security-Policy");
        assertEquals(true, csp.contains("form-action 'self' https://a.example;"), csp);
    }

    @Test
    void amountsAreWholeUnitsGroupedTheFrenchWay() {
        assertEquals("1\u00a0500\u00a0XOF", AmountText.of(1500, Currency.XOF));
        assertEquals("1\u00a0000\u00a0000\u00a0GNF", AmountText.of(1_000_000, Currency.GNF));
        assertEquals("100\u00a0XAF", AmountText.of(100, Currency.XAF));
    }
}
