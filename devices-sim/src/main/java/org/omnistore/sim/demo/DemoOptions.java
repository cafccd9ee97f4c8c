package org.omnistore.sim.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Demo and load-run options.
 *
 * @param outageAt  when to cut HQ off during the run (null: never); HQ is killed and restarted after {@code outage}
 * @param scanEach  tills price each item with a scan round trip before completing (false: whole baskets only)
 */
public record DemoOptions(Path home, String java, Duration duration, int stores, int terminalsPerStore, Duration think,
                   Duration outageAt, Duration outage, boolean bench, boolean scanEach) {

    static DemoOptions parse(String[] args) {
        Path home = Path.of(".");
        String java = ProcessHandle.current().info().command().orElse("java");
        boolean bench = false;
        Duration duration = null;
        int stores = 2;
        Integer terminals = null;
        Duration think = null;
        Duration outageAt = null;
        Duration outage = Duration.ofSeconds(15);
        boolean scanEach = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--home" -> home = Path.of(value(args, ++i, a));
                case "--java" -> java = value(args, ++i, a);
                case "--bench" -> bench = true;
                case "--duration" -> duration = duration(value(args, ++i, a));
                case "--stores" -> stores = positive(a, value(args, ++i, a));
                case "--terminals" -> terminals = positive(a, value(args, ++i, a));
                case "--think" -> think = duration(value(args, ++i, a));
                case "--outage-at" -> outageAt = duration(value(args, ++i, a));
                case "--outage" -> outage = duration(value(args, ++i, a));
                case "--no-scan" -> scanEach = false;
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (options: --duration 60s, --stores 2, --terminals 3, --think 200ms, --outage-at 20s, --outage 15s, --no-scan, --bench)");
            }
        }
        if (duration == null) {
            duration = bench ? Duration.ofSeconds(30) : Duration.ofSeconds(60);
        }
        if (terminals == null) {
            terminals = bench ? 8 : 3;
        }
        if (think == null) {
            think = bench ? Duration.ZERO : Duration.ofMillis(200);
        }
        if (outageAt != null && outageAt.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("--outage-at must be within --duration");
        }
        return new DemoOptions(home.toAbsolutePath().normalize(), java, duration, stores, terminals, think, outageAt,
                outage, bench, scanEach);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String v) {
        int n = Integer.parseInt(v);
        if (n < 1 || n > 200) {
            throw new IllegalArgumentException(option + " must be 1..200");
        }
        return n;
    }

    /** Accepts {@code 90s}, {@code 2m}, {@code 500ms}, {@code 1h} or ISO-8601 ({@code PT90S}). */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(text);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofSeconds(Long.parseLong(t));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (try 60s, 2m, 500ms)");
        }
    }
}
