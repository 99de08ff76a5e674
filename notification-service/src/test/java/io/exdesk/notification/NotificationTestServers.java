package io.exdesk.notification;

import io.exdesk.testkit.MailServer;
import io.exdesk.testkit.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the application at the test's real SMTP server and webhook receiver. */
public class NotificationTestServers implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(MailServer.get().port()),
                "notification.channels.ops.url", WebhookReceiver.get().url("/hooks/ops"),
                "notification.channels.vip-desk.url", WebhookReceiver.get().url("/hooks/vip-desk"));
    }

    @Override
    public void stop() {
        // Shared by every test class of the module; they stop with the JVM.
    }
}
