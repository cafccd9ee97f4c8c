package org.omnistore.cloud;

import io.helidon.config.Config;

/**
 * Runs HQ: configuration from system properties, environment variables and the classpath
 * application.yaml (in that precedence); prints one line with the base URI once it serves.
 */
public final class CloudMain {

    private CloudMain() {
    }

    public static void main(String[] args) {
        CloudConfig config;
        try {
            config = CloudConfig.create(Config.create());
        } catch (IllegalArgumentException e) {
            // a configuration mistake: say which key, without a stack trace
            System.err.println("cloud-platform: " + e.getMessage());
            System.exit(2);
            return;
        }
        CloudPlatform cloud = CloudPlatform.create(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "cloud-shutdown"));
        System.out.println("cloud-platform listening on " + cloud.baseUri());
    }
}
