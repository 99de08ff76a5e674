package io.exdesk.notification.rest;

import io.exdesk.notification.domain.ChatFormat;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * How to reach an agent. {@code team} and {@code supervisor} decide who supervises whom; routing's
 * assignment events keep them current too.
 *
 * @param chatUrl    the agent's incoming-webhook URL (http or https)
 * @param chatFormat {@code SLACK} (default) or {@code SIGNED}
 */
public record AgentContactRequest(
        @Size(max = 200) String name,
        @Email @Size(max = 320) String email,
        @Pattern(regexp = ContactRules.LANGUAGE, message = "must be a BCP 47 tag such as en or zh-CN") String language,
        @Size(max = 100) String team,
        boolean supervisor,
        @Pattern(regexp = ContactRules.URL, message = "must be an http or https URL") @Size(max = 2000) String chatUrl,
        ChatFormat chatFormat) {
}
