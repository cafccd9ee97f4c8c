package org.omnistore.sync;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The small JDBC helper of the store side: transactions with commit/rollback, and {@link SQLException}
 * wrapped into an unchecked {@link DataAccessException}. (A data-access framework would bring far more
 * than these twenty lines need.)
 */
public final class Jdbc {

    private Jdbc() {
    }

    /** SQL work that may throw. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: commits if it returns, rolls back if it throws. */
    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
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
            throw new DataAccessException(e);
        }
    }

    /** Runs read-only or single-statement work with auto-commit. */
    public static <T> T query(DataSource dataSource, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** True for a unique or primary key violation (SQLSTATE class 23505). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** An unchecked wrapper of {@link SQLException}. */
    public static final class DataAccessException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DataAccessException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
