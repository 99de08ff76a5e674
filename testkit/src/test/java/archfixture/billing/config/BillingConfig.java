package archfixture.billing.config;

import io.smallrye.config.ConfigMapping;

/** A configuration mapping where it belongs. */
@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    String prefix();
}
