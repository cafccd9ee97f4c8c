package org.omnistore.store;

import io.helidon.config.Config;

/** Runs one store edge node; configuration from env, system properties and application.yaml. */
public final class StoreEdgeMain {

    private StoreEdgeMain() {
    }

    public static void main(String[] args) {
        StoreConfig config = StoreConfig.create(Config.create());
        StoreEdge edge = StoreEdge.create(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(edge::close, "store-edge-shutdown"));
        System.out.println("store-edge " + config.storeId() + " listening on " + edge.baseUri()
                + " broker " + config.broker().clientUrl());
    }
}
