package io.exdesk.routing.rest;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.ChatWebhookFormat;
import io.exdesk.routing.domain.AgentStatus;
import io.exdesk.routing.service.RegisterAgentCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A new agent. {@code id} is the agent's token subject; {@code status} defaults to OFFLINE and
 * {@code vipCapable} to false; a {@code shift} sets the status automatically at its edges. {@code email},
 * {@code chatUrl} and {@code chatFormat} (SLACK by default) are how notifications reach the agent, in the
 * first of their {@code languages}.
 */
public record AgentRequest(
        @NotBlank @Pattern(regexp = AgentRequest.ID, message = "must be 1 to 100 letters, digits or . _ @ -") String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull AgentTier tier,
        @Size(max = 100) String team,
        @NotEmpty List<@NotNull Category> skills,
        @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = AgentRequest.LANGUAGE,
                message = "must be a BCP 47 language tag such as en or zh-CN") String> languages,
        @NotNull @Min(0) @Max(1000) Integer capacity,
        Boolean vipCapable,
        AgentStatus status,
        @Valid ShiftRequest shift,
        @Email @Size(max = 320) String email,
        @Pattern(regexp = AgentRequest.CHAT_URL, message = "must be an http or https URL") @Size(max = 2000) String chatUrl,
        ChatWebhookFormat chatFormat) {

    static final String ID = "[A-Za-z0-9._@-]{1,100}";
    static final String LANGUAGE = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*";
    /** An http(s) URL, or empty (which a change uses to remove the webhook). */
    static final String CHAT_URL = "(https?://\\S+)?";

    RegisterAgentCommand toCommand() {
        return new RegisterAgentCommand(id, name, tier, team, skills, languages, capacity, vipCapable, status,
                shift == null ? null : shift.toCommand(), email, chatUrl, chatFormat);
    }
}
