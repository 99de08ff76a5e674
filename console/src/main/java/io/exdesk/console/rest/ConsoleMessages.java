package io.exdesk.console.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The pages' texts ({@code msg:} in templates): English here, Chinese in
 * {@code messages/msg_zh-CN.properties}; the build fails if a template names a missing key.
 */
@MessageBundle(locale = "en")
public interface ConsoleMessages {

    @Message("Agent")
    String agent();

    @Message("Agents")
    String agents();

    @Message("Apply")
    String apply();

    @Message("Assign")
    String assign();

    @Message("Assign to an agent:")
    String assign_to();

    @Message("Assigned")
    String assigned();

    @Message("Assignee")
    String assignee();

    @Message("Tickets at risk")
    String at_risk();

    @Message("Back to the console")
    String back_home();

    @Message("breached")
    String breached();

    @Message("Breaches today (UTC)")
    String breaches_today();

    @Message("Canned replies")
    String canned_replies();

    @Message("Category")
    String category();

    @Message("Comment")
    String comment();

    @Message("Customer satisfaction today (UTC)")
    String csat_today();

    @Message("Average rating")
    String csat_average();

    @Message("Ratings")
    String csat_count();

    @Message("Latest low ratings (2 or below)")
    String csat_low();

    @Message("No low rating today.")
    String csat_no_low();

    @Message("Rating")
    String csat_rating();

    @Message("Rated")
    String csat_rated();

    @Message("Change status")
    String change_status();

    @Message("Channel")
    String channel();

    @Message("Choose an agent")
    String choose_agent();

    @Message("Clock")
    String clock();

    @Message("First response")
    String clock_first_response();

    @Message("Resolution")
    String clock_resolution();

    @Message("Support console")
    String console();

    @Message("Conversation")
    String conversation();

    @Message("Transaction")
    String crypto();

    @Message("Customer")
    String customer();

    @Message("Escalated: the priority was raised.")
    String done_escalated();

    @Message("Ticket reassigned.")
    String done_reassigned();

    @Message("Reply sent.")
    String done_replied();

    @Message("Status changed.")
    String done_status();

    @Message("Due at")
    String due_at();

    @Message("Due in")
    String due_in();

    @Message("A reply needs some text.")
    String error_empty_reply();

    @Message("You may not open this page.")
    String error_forbidden();

    @Message("Too many failed sign-ins: this account is locked for a while. Try again later.")
    String error_locked();

    @Message("Not found, or not assigned to you.")
    String error_not_found();

    @Message("The request was refused.")
    String error_refused();

    @Message("A service did not answer. Try again in a moment.")
    String error_unavailable();

    @Message("Wrong username or password.")
    String error_wrong_password();

    @Message("Escalate")
    String escalate();

    @Message("Raises the priority one step; the SLA then escalates it to a higher tier.")
    String escalate_help();

    @Message("Nothing assigned to you right now.")
    String inbox_empty();

    @Message("Language")
    String language();

    @Message("Languages")
    String languages();

    @Message("Connecting to live updates…")
    String live_connecting();

    @Message("Live updates interrupted; retrying…")
    String live_off();

    @Message("Live: new assignments appear here.")
    String live_on();

    @Message("Load")
    String load();

    @Message("My inbox")
    String my_inbox();

    @Message("My status")
    String my_status();

    @Message("Inbox")
    String nav_inbox();

    @Message("Supervisor")
    String nav_supervisor();

    @Message("Main")
    String navigation();

    @Message("new")
    String new_assignments();

    @Message("No breaches today.")
    String no_breaches();

    @Message("No SLA clocks yet.")
    String no_clocks();

    @Message("No ticket at risk.")
    String none_at_risk();

    @Message("Password")
    String password();

    @Message("Priority")
    String priority();

    @Message("Queue")
    String queue();

    @Message("The queue is empty.")
    String queue_empty();

    @Message("In the order it drains: priority, then age.")
    String queue_order();

    @Message("Reassign")
    String reassign();

    @Message("The customer pasted a secret (key, seed phrase, password or code); it was redacted. Send the scam warning below.")
    String redacted_text();

    @Message("Secrets removed.")
    String redacted_title();

    @Message("Reply")
    String reply();

    @Message("Your reply")
    String reply_text();

    @Message("admin")
    String role_admin();

    @Message("agent")
    String role_agent();

    @Message("supervisor")
    String role_supervisor();

    @Message("Save")
    String save();

    @Message("Send reply")
    String send_reply();

    @Message("Sign in")
    String sign_in();

    @Message("Sign out")
    String sign_out();

    @Message("Skip to content")
    String skip_to_content();

    @Message("SLA")
    String sla();

    @Message("Status")
    String status();

    @Message("Away")
    String status_AWAY();

    @Message("Offline")
    String status_OFFLINE();

    @Message("Online")
    String status_ONLINE();

    @Message("Switch")
    String switch_language();

    @Message("Ticket")
    String ticket();

    @Message("Tier")
    String tier();

    @Message("Closed")
    String ts_CLOSED();

    @Message("In progress")
    String ts_IN_PROGRESS();

    @Message("Waiting for customer")
    String ts_PENDING_CUSTOMER();

    @Message("Resolved")
    String ts_RESOLVED();

    @Message("Username")
    String username();

    @Message("Waiting since")
    String waiting_since();

    @Message("warning")
    String warning_level();

    @Message("Access")
    String account_access();

    @Message("Active")
    String account_active();

    @Message("Disabled")
    String account_disabled();

    @Message("An account with this username exists already.")
    String account_exists();

    @Message("A display name has 1 to 200 characters.")
    String account_invalid_name();

    @Message("A password has 12 to 72 characters.")
    String account_invalid_password();

    @Message("A username is 1 to 100 letters, digits, '.', '_', '@' or '-'.")
    String account_invalid_username();

    @Message("You cannot disable your own account.")
    String account_self();

    @Message("Create account")
    String create_account();

    @Message("Disable")
    String disable();

    @Message("Display name")
    String display_name();

    @Message("Account created:")
    String done_account_created();

    @Message("Account disabled, its sessions ended:")
    String done_account_disabled();

    @Message("Account enabled:")
    String done_account_enabled();

    @Message("New password set, sessions ended:")
    String done_password_set();

    @Message("Enable")
    String enable();

    @Message("Accounts")
    String nav_accounts();

    @Message("New account")
    String new_account();

    @Message("An agent's username is their agent id in routing-service.")
    String new_account_hint();

    @Message("New password")
    String new_password();

    @Message("Role")
    String role();

    @Message("Set")
    String set_password();
}
