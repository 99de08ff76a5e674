package io.exdesk.systemtests;

import static io.exdesk.systemtests.Users.PLATFORM;
import static io.exdesk.systemtests.Users.ROUTING;
import static io.exdesk.systemtests.Users.SUPERVISOR;
import static io.exdesk.systemtests.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exdesk.systemtests.Users.Agent;
import io.exdesk.testkit.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: a VIP customer opens an urgent Chinese ticket about stolen funds and names no category.
 * ExDesk triages it, routes it to the one agent who is online, VIP-capable and speaks Chinese, tells
 * that agent by e-mail and chat in Chinese, tells the VIP desk, and shows the assignee and due times.
 */
@Order(1)
class VipSecurityTicketTest {

    private static final List<String> SECURITY = List.of("SECURITY", "ACCOUNT_ACCESS");

    @Test
    void anUrgentChineseStolenFundsTicketOfAVipReachesAnOnlineVipChineseAgentInChinese() {
        RunningExDesk.get();
        // Each of the others would win the tie-break on id if routing ignored what rules it out.
        Agent chosen = Users.register(new Agent("s1-zh-vip", "L1", "s1-asia", SECURITY, List.of("zh", "en"), 5, true,
                "ONLINE"));
        Users.register(new Agent("s1-a-en-vip", "L1", "s1-asia", SECURITY, List.of("en"), 5, true, "ONLINE"));
        Users.register(new Agent("s1-b-zh-away", "L1", "s1-asia", SECURITY, List.of("zh-CN"), 5, true, "AWAY"));
        Users.register(new Agent("s1-c-zh-not-vip", "L1", "s1-asia", SECURITY, List.of("zh-CN"), 5, false, "ONLINE"));
        Users.register(new Agent("s1-d-zh-trading", "L1", "s1-asia", List.of("TRADING"), List.of("zh-CN"), 5, true,
                "ONLINE"));

        JsonPath created = Users.openTicket(Users.ticket("s1-vip-customer", "VIP", "zh-CN", "资金被盗",
                "我的账户资金被盗了！有人在凌晨把我的 BTC 全部提走了，请立即冻结我的账户。"));
        String id = created.getString("id");
        String number = created.getString("number");
        assertThat(created.getString("category")).isEqualTo("SECURITY");
        assertThat(created.getString("priority")).isEqualTo("URGENT");
        assertThat(created.getBoolean("triage.category")).as("category chosen by triage").isTrue();
        assertThat(created.getBoolean("triage.priority")).as("priority chosen by triage").isTrue();
        Instant createdAt = Instant.parse(created.getString("createdAt"));

        JsonPath ticket = await("assignee and both SLA clocks shown on the ticket").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> Users.ticketView(id), view ->
                        view.getString("assigneeId") != null && view.getString("sla.FIRST_RESPONSE.dueAt") != null
                                && view.getString("sla.RESOLUTION.dueAt") != null);
        assertThat(ticket.getString("assigneeId")).isEqualTo(chosen.id());
        assertThat(ticket.getString("status")).isEqualTo("ASSIGNED");
        // The default URGENT/VIP policy (half of URGENT's 5 min and 1 h), counted from the ticket's creation.
        assertThat(Duration.between(createdAt, Instant.parse(ticket.getString("sla.FIRST_RESPONSE.dueAt"))))
                .isCloseTo(Duration.ofSeconds(150), Duration.ofMillis(1));
        assertThat(Duration.between(createdAt, Instant.parse(ticket.getString("sla.RESOLUTION.dueAt"))))
                .isCloseTo(Duration.ofMinutes(30), Duration.ofMillis(1));
        assertThat(Duration.between(createdAt, Instant.parse(created.getString("expectedFirstResponseAt"))))
                .as("the first response promised at creation").isCloseTo(Duration.ofSeconds(150), Duration.ofMillis(1));
        assertThat(ticket.getString("sla.FIRST_RESPONSE.state")).isEqualTo("RUNNING");

        // The agent sees it in their inbox, and routing says who holds it.
        assertThat(as(chosen.token(), ROUTING).get("/api/v1/agents/" + chosen.id() + "/inbox")
                .then().statusCode(200).extract().jsonPath().getList("items.ticketId")).contains(id);
        assertThat(as(SUPERVISOR, ROUTING).get("/api/v1/routing/tickets/" + id).then().statusCode(200)
                .extract().jsonPath().getString("assigneeId")).isEqualTo(chosen.id());

        MimeMessage email = await("the assignment e-mail").atMost(Duration.ofSeconds(60))
                .until(() -> Users.emailsTo(chosen.email()).stream()
                        .filter(m -> Users.subject(m).contains(number)).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(Users.subject(email)).isEqualTo("[ExDesk] 工单 " + number + " 已分配给您（URGENT）");
        assertThat(Users.text(email)).contains("工单 " + number + " 已分配给您", "优先级：URGENT", "类别：SECURITY",
                "链接：");
        WebhookReceiver.Call chat = await("the assignment chat message").atMost(Duration.ofSeconds(60))
                .until(() -> Users.chatTo(chosen).stream().filter(c -> c.body().contains(number)).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
        assertThat(chat.body()).contains("已分配给您", "优先级：URGENT");
        WebhookReceiver.Call vipDesk = await("the VIP desk told in Chinese").atMost(Duration.ofSeconds(60))
                .until(() -> WebhookReceiver.get().successfulCalls("/hooks/vip-desk").stream()
                        .filter(c -> c.body().contains(number)).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(vipDesk.body()).contains("新 VIP 工单 " + number);

        // Nobody else was told of the assignment.
        for (String other : List.of("s1-a-en-vip", "s1-b-zh-away", "s1-c-zh-not-vip", "s1-d-zh-trading")) {
            assertThat(Users.emailsTo(other + "@agents.exdesk.test")).as(other).isEmpty();
        }
        // The platform sees its customer's ticket with the assignee too.
        assertThat(as(PLATFORM, Users.TICKETS).get("/api/v1/tickets/" + id).then().statusCode(200).extract()
                .jsonPath().getString("assigneeId")).isEqualTo(chosen.id());
        Users.close(id);
    }
}
