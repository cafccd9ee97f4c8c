package org.omnistore.sim.demo;

import java.util.Map;

/**
 * The end-of-run check for one store: what the terminals were told was sold, what the store journaled,
 * what HQ applied. A sale confirmed or journaled but not at HQ is lost; HQ or the store holding more
 * than was sold is a duplicate; and HQ's revenue must equal what the terminals took, to the minor unit.
 */
record Reconciliation(String storeId, long completedAtTerminals, long unconfirmedAtTerminals, long recordedByStore,
                      long appliedAtHq, long hqLastSequence, Map<String, Long> terminalRevenue,
                      Map<String, Long> hqRevenue) {

    long lost() {
        return Math.max(0, Math.max(completedAtTerminals, recordedByStore) - appliedAtHq);
    }

    long duplicated() {
        long storeExtra = Math.max(0, recordedByStore - completedAtTerminals - unconfirmedAtTerminals);
        return storeExtra + Math.max(0, appliedAtHq - recordedByStore);
    }

    boolean revenueMatches() {
        return terminalRevenue.equals(hqRevenue);
    }

    boolean ok() {
        return lost() == 0 && duplicated() == 0 && revenueMatches();
    }
}
