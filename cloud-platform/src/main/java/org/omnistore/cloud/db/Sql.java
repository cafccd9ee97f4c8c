package org.omnistore.cloud.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * HQ's small JDBC helper: transactions that retry on serialization failures and deadlocks, and
 * {@link SQLException} wrapped unchecked. (A data-access framework would bring far more than this needs.)
 */
public final class Sql {

    private static final int ATTEMPTS = 5;

    private Sql() {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction, retrying it from the start on 40001/40P01. */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isRetryable(e)) {
                    continue;
                }
                throw new DataException(e);
            }
        }
    }

    public static <T> T query(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataException(e);
        }
    }

    private static boolean isRetryable(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /** An unchecked {@link SQLException}. */
    public static final class DataException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DataException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
