package org.omnistore.pos.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnistore.contracts.pos.CompleteSale.TenderRequest;
import org.omnistore.contracts.pos.TenderKind;
import org.omnistore.pos.PosException;

class TenderSettlementTest {

    @Test
    void cashGivesChange() {
        TenderSettlement.Settled s = TenderSettlement.settle(847, List.of(new TenderRequest(TenderKind.CASH, 1000, null)));
        assertThat(s.changeMinor()).isEqualTo(153);
    }

    @Test
    void splitCardAndCash() {
        TenderSettlement.Settled s = TenderSettlement.settle(847, List.of(
                new TenderRequest(TenderKind.CARD, 500, "tok_abcdef12"),
                new TenderRequest(TenderKind.CASH, 400, null)));
        assertThat(s.changeMinor()).isEqualTo(53);
        assertThat(s.tenders()).extracting(t -> t.reference()).containsExactly("tok_abcdef12", null);
    }

    @Test
    void refusesShortPaymentAndCardChange() {
        assertThatThrownBy(() -> TenderSettlement.settle(847, List.of(new TenderRequest(TenderKind.CASH, 800, null))))
                .isInstanceOf(PosException.class).hasMessageContaining("800 of 847");
        assertThatThrownBy(() -> TenderSettlement.settle(847, List.of(new TenderRequest(TenderKind.CARD, 900, "tok_abcdef12"))))
                .extracting(e -> ((PosException) e).code()).isEqualTo("card-over-total");
        assertThatThrownBy(() -> TenderSettlement.settle(847, List.of()))
                .extracting(e -> ((PosException) e).code()).isEqualTo("no-tender");
        assertThatThrownBy(() -> TenderSettlement.settle(847, List.of(new TenderRequest(TenderKind.CASH, -5, null))))
                .extracting(e -> ((PosException) e).code()).isEqualTo("bad-tender");
        // amounts that would overflow a sum are refused as bad input, not failed as an internal error
        assertThatThrownBy(() -> TenderSettlement.settle(847, List.of(new TenderRequest(TenderKind.CASH, Long.MAX_VALUE, null),
                new TenderRequest(TenderKind.CASH, Long.MAX_VALUE, null))))
                .extracting(e -> ((PosException) e).code()).isEqualTo("bad-tender");
    }

    @Test
    void refusesCardNumbersWithoutEchoingThem() {
        String pan = "4111 1111 1111 1111";
        assertThatThrownBy(() -> TenderSettlement.settle(100, List.of(new TenderRequest(TenderKind.CARD, 100, pan))))
                .isInstanceOf(PosException.class)
                .hasMessageNotContaining("4111")
                .extracting(e -> ((PosException) e).code()).isEqualTo("card-number-refused");
        assertThatThrownBy(() -> TenderSettlement.settle(100, List.of(new TenderRequest(TenderKind.CARD, 100, "tok_4111111111111111"))))
                .extracting(e -> ((PosException) e).code()).isEqualTo("card-number-refused");
        assertThatThrownBy(() -> TenderSettlement.settle(100, List.of(new TenderRequest(TenderKind.CARD, 100, "x"))))
                .extracting(e -> ((PosException) e).code()).isEqualTo("bad-card-token");
    }
}
