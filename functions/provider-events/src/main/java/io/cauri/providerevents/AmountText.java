package io.cauri.providerevents;

import io.cauri.intent.Currency;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * An amount of minor units as a payer reads it, French style: {@code 1 500 XOF}, digits grouped by
 * no-break spaces. The number of decimals is the currency's ISO 4217 exponent as the JDK knows it (XOF, XAF
 * and GNF have none), so a currency with decimals would show them ({@code 12,50}).
 */
final class AmountText {
    private static final char NO_BREAK_SPACE = '\u00a0';

    private AmountText() {
    }

    static String of(long minorUnits, Currency currency) {
        int decimals = Math.max(0, java.util.Currency.getInstance(currency.name()).getDefaultFractionDigits());
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.FRANCE);
        symbols.setGroupingSeparator(NO_BREAK_SPACE);
        symbols.setDecimalSeparator(',');
        symbols.setMinusSign('-');
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), symbols);
        return format.format(BigDecimal.valueOf(minorUnits, decimals)) + NO_BREAK_SPACE + currency.name();
    }
}
