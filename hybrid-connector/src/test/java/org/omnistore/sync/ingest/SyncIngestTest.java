package org.omnistore.sync.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.omnistore.contracts.PayloadException;
import org.omnistore.contracts.sync.SyncAck;
import org.omnistore.contracts.sync.SyncBatch;
import org.omnistore.contracts.sync.SyncEvent;

class SyncIngestTest {

    /** In-memory ledger: this tests the decision logic; the cloud's PostgreSQL ledger is tested there. */
    private static final class MemoryLedger implements IngestLedger {
        final Map<String, Long> marks = new HashMap<>();
        final List<String> appliedEvents = new ArrayList<>();

        @Override
        public long lockAppliedThrough(String storeId) {
            return marks.getOrDefault(storeId, 0L);
        }

        @Override
        public void apply(String storeId, SyncEvent event) {
            appliedEvents.add(storeId + ":" + event.seq());
        }

        @Override
        public void setAppliedThrough(String storeId, long seq) {
            marks.put(storeId, seq);
        }
    }

    private static SyncBatch batch(String store, long... seqs) {
        return new SyncBatch(1, store, LongStream.of(seqs)
                .mapToObj(s -> new SyncEvent(s, "sale", Instant.EPOCH, JsonNodeFactory.instance.objectNode()))
                .toList());
    }

    @Test
    void appliesEachSequenceOnceWhateverTheRetries() {
        MemoryLedger ledger = new MemoryLedger();
        SyncAck first = SyncIngest.ingest(batch("s1", 1, 2, 3), ledger);
        SyncAck replay = SyncIngest.ingest(batch("s1", 1, 2, 3), ledger);
        SyncAck overlap = SyncIngest.ingest(batch("s1", 3, 4), ledger);

        assertThat(first.appliedThrough()).isEqualTo(3);
        assertThat(first.applied()).isEqualTo(3);
        assertThat(replay.applied()).isZero();
        assertThat(replay.duplicates()).isEqualTo(3);
        assertThat(overlap.applied()).isEqualTo(1);
        assertThat(overlap.duplicates()).isEqualTo(1);
        assertThat(ledger.appliedEvents).containsExactly("s1:1", "s1:2", "s1:3", "s1:4");
    }

    @Test
    void aGapStopsTheBatchAndSaysWhereToResendFrom() {
        MemoryLedger ledger = new MemoryLedger();
        SyncIngest.ingest(batch("s1", 1, 2), ledger);
        SyncAck ack = SyncIngest.ingest(batch("s1", 5, 6), ledger);

        assertThat(ack.gapFrom()).isEqualTo(3L);
        assertThat(ack.appliedThrough()).isEqualTo(2);
        assertThat(ack.applied()).isZero();
        SyncAck partial = SyncIngest.ingest(batch("s1", 3, 4, 6), ledger);
        assertThat(partial.appliedThrough()).isEqualTo(4);
        assertThat(partial.gapFrom()).isEqualTo(5L);
        assertThat(ledger.appliedEvents).containsExactly("s1:1", "s1:2", "s1:3", "s1:4");
    }

    @Test
    void storesAreIndependent() {
        MemoryLedger ledger = new MemoryLedger();
        SyncIngest.ingest(batch("s1", 1), ledger);
        SyncAck other = SyncIngest.ingest(batch("s2", 1), ledger);
        assertThat(other.applied()).isEqualTo(1);
        assertThat(ledger.marks).containsEntry("s1", 1L).containsEntry("s2", 1L);
    }

    @Test
    void refusesBadBatchesBeforeApplyingAnything() {
        MemoryLedger ledger = new MemoryLedger();
        assertThatThrownBy(() -> SyncIngest.ingest(batch("s1", 2, 1), ledger))
                .isInstanceOf(PayloadException.class).hasMessageContaining("increasing");
        assertThatThrownBy(() -> SyncIngest.ingest(batch("s1"), ledger)).hasMessageContaining("no events");
        assertThatThrownBy(() -> SyncIngest.ingest(batch("bad/id", 1), ledger)).hasMessageContaining("storeId");
        assertThatThrownBy(() -> SyncIngest.ingest(new SyncBatch(3, "s1", batch("s1", 1).events()), ledger))
                .hasMessageContaining("schemaVersion");
        assertThat(ledger.appliedEvents).isEmpty();
    }
}
