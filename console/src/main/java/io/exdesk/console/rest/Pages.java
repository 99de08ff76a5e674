package io.exdesk.console.rest;

import io.exdesk.console.domain.Account;
import io.exdesk.console.domain.CannedReply;
import io.exdesk.console.domain.Views;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The console's pages and fragments ({@code templates/*.html}), checked against these parameters at build. */
@CheckedTemplate
public class Pages {

    private Pages() {
    }

    public static native TemplateInstance signIn(String error, String username);

    public static native TemplateInstance agent(Views.Agent agent, List<Views.RoutedTicket> inbox);

    public static native TemplateInstance inboxRows(List<Views.RoutedTicket> inbox);

    public static native TemplateInstance ticket(Views.Ticket ticket, List<Views.Message> messages,
                                                 List<CannedReply> canned, String draft, String done);

    public static native TemplateInstance supervisor(List<Views.RoutedTicket> queue, List<Views.ClockAtRisk> atRisk,
                                                     List<Views.Agent> agents, List<Views.ClockAtRisk> breaches,
                                                     Views.CsatReport csat, String done);

    public static native TemplateInstance admin(List<Account> accounts, String done, String account);

    public static native TemplateInstance error(int status, String messageKey, String detail);
}
