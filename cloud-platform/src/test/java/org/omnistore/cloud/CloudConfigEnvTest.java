package org.omnistore.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The environment variable names application.yaml documents, checked in a child JVM (a process
 * cannot change its own environment) through the same {@code Config.create()} that CloudMain uses.
 */
class CloudConfigEnvTest {

    /** Child JVM entry point: prints the config HQ would run with, or the error. */
    public static void main(String[] args) {
        try {
            CloudConfig c = CloudConfig.create(Config.create());
            System.out.println("admin=" + c.adminToken() + " port=" + c.port() + " pool=" + c.poolSize()
                    + " dir=" + c.embeddedDir() + " demo=" + c.demoCatalog() + " stores=" + c.stores());
        } catch (IllegalArgumentException e) {
            System.out.println("error=" + e.getMessage());
        }
    }

    private static String run(Map<String, String> env, String... jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CloudConfigEnvTest.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("CLOUD") || k.startsWith("SERVER") || k.startsWith("cloud"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().filter(l -> l.startsWith("admin=") || l.startsWith("error=")).findFirst().orElse(out);
    }

    @Test
    void environmentVariablesNameEveryKey() throws Exception {
        String out = run(Map.of(
                "CLOUD_ADMIN_TOKEN", "admin-token-0123456789",          // '-' may be written as '_'
                "SERVER_PORT", "9090",
                "CLOUD_DATABASE_POOL_dash_SIZE", "3",                   // or spelled out as _dash_
                "CLOUD_DATABASE_EMBEDDED_DIR", "/var/lib/hq-pg",
                "CLOUD_DEMO_CATALOG", "true",
                "CLOUD_STORES_0_ID", "s1",                              // list items by index
                "CLOUD_STORES_0_CURRENCY", "JPY",
                "CLOUD_STORES_0_TOKEN", "s1-token-0123456789"));
        assertThat(out).isEqualTo("admin=admin-token-0123456789 port=9090 pool=3 dir=/var/lib/hq-pg demo=true"
                + " stores=[StoreSeed[id=s1, name=s1, currency=JPY, token=***]]");
    }

    @Test
    void systemPropertiesWinOverEnvironmentVariables() throws Exception {
        String out = run(Map.of("CLOUD_ADMIN_TOKEN", "admin-token-0123456789", "SERVER_PORT", "9090"),
                "-Dserver.port=7070", "-Dcloud.database.pool-size=5");
        assertThat(out).startsWith("admin=admin-token-0123456789 port=7070 pool=5 ");
    }
}
