package org.omnistore.pos.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.omnistore.contracts.pos.CompleteSale.TenderRequest;
import org.omnistore.contracts.pos.TenderKind;
import org.omnistore.contracts.sale.Sale;
import org.omnistore.pos.PosException;

/**
 * Checks that tenders pay a total and works out the change. Cards carry payment tokens only: anything
 * that looks like a card number is refused, so no card number can reach the journal or the logs.
 */
public final class TenderSettlement {

    /** A payment token from the terminal's card reader (e.g. {@code tok_4f9a...}). */
    private static final Pattern CARD_TOKEN = Pattern.compile("tok_[A-Za-z0-9_-]{6,64}");
    /** 13 to 19 digits in a row, possibly grouped: the shape of a card number. */
    private static final Pattern PAN_LIKE = Pattern.compile("(?:\\d[ -]?){12,18}\\d");

    /** No single tender above 10^12 minor units: keeps every sum far from overflow. */
    static final long MAX_TENDER_MINOR = 1_000_000_000_000L;

    private TenderSettlement() {
    }

    /** Tenders as recorded, plus the change due in cash. */
    public record Settled(List<Sale.Tender> tenders, long changeMinor) {
    }

    public static Settled settle(long totalMinor, List<TenderRequest> requests) {
        if (requests == null || requests.isEmpty()) {
            throw new PosException("no-tender", "a sale needs at least one tender");
        }
        long paid = 0;
        long nonCash = 0;
        List<Sale.Tender> tenders = new ArrayList<>(requests.size());
        for (TenderRequest t : requests) {
            if (t == null || t.kind() == null) {
                throw new PosException("bad-tender", "every tender needs a kind (CASH or CARD)");
            }
            if (t.amountMinor() <= 0 || t.amountMinor() > MAX_TENDER_MINOR) {
                throw new PosException("bad-tender", "tender amounts must be 1.." + MAX_TENDER_MINOR + ", got " + t.amountMinor());
            }
            paid = Math.addExact(paid, t.amountMinor());
            if (t.kind() == TenderKind.CARD) {
                nonCash = Math.addExact(nonCash, t.amountMinor());
                tenders.add(new Sale.Tender("CARD", t.amountMinor(), requireToken(t.cardToken())));
            } else {
                tenders.add(new Sale.Tender("CASH", t.amountMinor(), null));
            }
        }
        if (nonCash > totalMinor) {
            throw new PosException("card-over-total", "card tenders (" + nonCash + ") exceed the total (" + totalMinor
                    + "); change is given in cash only");
        }
        if (paid < totalMinor) {
            throw new PosException("insufficient-tender", "tenders pay " + paid + " of " + totalMinor);
        }
        return new Settled(List.copyOf(tenders), paid - totalMinor);
    }

    private static String requireToken(String token) {
        if (token != null && PAN_LIKE.matcher(token).find()) {
            // the message never echoes the value
            throw new PosException("card-number-refused", "send a payment token from the card reader, never a card number");
        }
        if (token == null || !CARD_TOKEN.matcher(token).matches()) {
            throw new PosException("bad-card-token", "a card tender needs a payment token like tok_XXXXXXXX");
        }
        return token;
    }
}
