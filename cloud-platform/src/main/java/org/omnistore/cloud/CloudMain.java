package org.omnistore.cloud;

import io.helidon.config.Config;

/** Runs HQ; configuration from env, system properties and application.yaml. */
public final class CloudMain {

    private CloudMain() {
    }

    public static void main(String[] args) {
        CloudConfig config = CloudConfig.create(Config.create());
        CloudPlatform cloud = CloudPlatform.create(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "cloud-shutdown"));
        System.out.println("cloud-platform listening on " + cloud.baseUri());
    }
}
