package io.exdesk.console.browser;

import io.exdesk.console.ConsoleTestResources;
import io.exdesk.testkit.ExDeskProcesses;
import io.exdesk.testkit.Tools;
import java.util.HashMap;
import java.util.Map;

/** The console under test pointed at the live services (started only where a browser can run the tests). */
public class LiveServicesResource extends ConsoleTestResources {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        if (Tools.find("chromium").isPresent()) {
            ExDeskProcesses live = LiveServices.get();
            config.put("console.services.ticket", live.url("ticket-service"));
            config.put("console.services.routing", live.url("routing-service"));
            config.put("console.services.sla", live.url("sla-service"));
        }
        return config;
    }
}
