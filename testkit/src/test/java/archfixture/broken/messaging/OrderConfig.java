package archfixture.broken.messaging;

import io.smallrye.config.ConfigMapping;

/** Breaks "@ConfigMapping interfaces live in config". */
@ConfigMapping(prefix = "orders")
public interface OrderConfig {

    int batch();
}
