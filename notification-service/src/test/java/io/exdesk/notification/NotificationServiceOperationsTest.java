package io.exdesk.notification;

import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.ServiceOperationsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics and API documentation of notification-service, against the real database and broker. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
@WithTestResource(NotificationTestServers.class)
class NotificationServiceOperationsTest extends ServiceOperationsContract {
}
