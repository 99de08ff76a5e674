package archfixture.broken.config;

import io.exdesk.testkit.FreePorts;

/** Breaks "main code never imports the testkit". */
public class OrderProbe {

    public int port() {
        return FreePorts.next();
    }
}
