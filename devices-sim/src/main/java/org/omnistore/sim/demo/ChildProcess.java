package org.omnistore.sim.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One runnable (cloud or store) started as its own JVM, its output going to a log file. */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;

    ChildProcess(String name, String java, Path home, String module, String mainClass, Map<String, String> properties,
                 Path logFile) {
        this.name = name;
        this.logFile = logFile;
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx512m");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.add("-Djava.util.logging.config.file=" + home.resolve("config/logging.properties"));
        properties.forEach((k, v) -> {
            if (k.contains("token")) {
                // secrets go in the environment: a -D argument is readable by every local user in ps
                environment.put(k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), v);
            } else {
                cmd.add("-D" + k + "=" + v);
            }
        });
        cmd.add("-cp");
        // a wildcard keeps the command line short (long command lines break some native libraries)
        cmd.add(home.resolve(module + "/target/classes") + ":" + home.resolve(module + "/target/lib") + "/*");
        cmd.add(mainClass);
        this.command = List.copyOf(cmd);
    }

    String name() {
        return name;
    }

    ChildProcess start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        return this;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: what a power cut or a crash looks like to the process. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
