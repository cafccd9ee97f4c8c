package org.omnistore.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnistore.contracts.pos.CompleteSale;
import org.omnistore.contracts.pos.PosCommand;
import org.omnistore.contracts.pos.PosReply;
import org.omnistore.contracts.pos.SaleCompleted;
import org.omnistore.contracts.pos.ScanItem;
import org.omnistore.contracts.pos.TenderKind;
import org.omnistore.contracts.sale.Sale;

class JsonTest {

    @Test
    void posCommandsRoundTripWithTheirTypeTag() {
        PosCommand cmd = new CompleteSale(1, "r1", "tx-9",
                List.of(new CompleteSale.LineRequest("4006381333931", 2)),
                List.of(new CompleteSale.TenderRequest(TenderKind.CASH, 1000, null)));
        String text = Json.toText(cmd);
        assertThat(text).contains("\"type\":\"complete\"").contains("\"schemaVersion\":1");
        assertThat(Json.read(text, PosCommand.class)).isEqualTo(cmd);
    }

    @Test
    void readsAScanWrittenByHand() {
        String text = """
                {"type":"scan","schemaVersion":1,"requestId":"a","code":"123","quantity":1,"extra":"ignored"}""";
        assertThat(Json.read(text.getBytes(StandardCharsets.UTF_8), PosCommand.class))
                .isEqualTo(new ScanItem(1, "a", "123", 1));
    }

    @Test
    void receiptsCarryInstantsAsIsoText() {
        Sale sale = new Sale(1, "s1", "id", "t1", "tx", Instant.parse("2026-11-23T10:15:30Z"), "EUR",
                List.of(), 0, 0, List.of(), 0);
        String text = Json.toText(new SaleCompleted(1, "r", false, sale, "receipt"));
        assertThat(text).contains("2026-11-23T10:15:30Z");
        assertThat(Json.read(text, PosReply.class)).isEqualTo(new SaleCompleted(1, "r", false, sale, "receipt"));
    }

    @Test
    void rejectsWrongVersionsAndGarbageWithClearMessages() {
        assertThatThrownBy(() -> Json.read("""
                {"type":"scan","schemaVersion":2,"requestId":"a","code":"1","quantity":1}""", PosCommand.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("unsupported schemaVersion 2");
        assertThatThrownBy(() -> Json.read("""
                {"type":"scan","requestId":"a","code":"1","quantity":1}""", PosCommand.class))
                .isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> Json.read("{not json", PosCommand.class))
                .isInstanceOf(PayloadException.class).hasMessageStartingWith("malformed PosCommand");
        assertThatThrownBy(() -> Json.read("""
                {"type":"dance","schemaVersion":1}""", PosCommand.class))
                .isInstanceOf(PayloadException.class);
    }
}
