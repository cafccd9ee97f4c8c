package org.omnistore.cloud.db;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * HQ's small JDBC helper: transactions that retry on serialization failures and deadlocks, and
 * {@link SQLException} wrapped unchecked. (A data-access framework would bring far more than this needs.)
 */
public final class Sql {

    private static final System.Logger LOG = System.getLogger(Sql.class.getName());
    private static final int ATTEMPTS = 5;

    private Sql() {
    }

    /** Work on one connection; may throw {@link SQLException} or {@link DataException}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits; any exception rolls it back. A serialization
     * failure (40001) or deadlock (40P01) reruns the whole work from the start, up to 5 attempts, so
     * {@code work} must have no effects outside the transaction.
     */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(dataSource, work);
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isRetryable(e)) {
                    retrying(attempt, e);
                    continue;
                }
                throw new DataException(e);
            } catch (DataException e) {
                if (attempt < ATTEMPTS && isRetryable(e.sqlException())) {
                    retrying(attempt, e.sqlException());
                    continue;
                }
                throw e;
            }
        }
    }

    private static <T> T once(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode (single statements, reads). */
    public static <T> T query(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataException(e);
        }
    }

    /** Wraps a {@link SQLException} for code that cannot throw checked exceptions (e.g. SPI callbacks). */
    public static DataException unchecked(SQLException e) {
        return new DataException(e);
    }

    private static void retrying(int attempt, SQLException e) {
        LOG.log(Level.WARNING, "transaction attempt " + attempt + " failed with SQLState " + e.getSQLState()
                + " (" + e.getMessage() + "); retrying");
        try {
            Thread.sleep(5L * attempt); // a little back-off lets the competing transaction finish
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new DataException(e);
        }
    }

    private static boolean isRetryable(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /** An unchecked {@link SQLException}; its message is for logs, never for API replies. */
    public static final class DataException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DataException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public SQLException sqlException() {
            return (SQLException) getCause();
        }

        public String sqlState() {
            return sqlException().getSQLState();
        }
    }
}
