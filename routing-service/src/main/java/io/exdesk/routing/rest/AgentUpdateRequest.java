package io.exdesk.routing.rest;

import io.exdesk.events.AgentTier;
import io.exdesk.events.Category;
import io.exdesk.events.ChatWebhookFormat;
import io.exdesk.routing.service.ChangeAgentCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A partial update (JSON merge patch): the fields present replace the agent's. Availability has its own
 * endpoint, {@code PUT /agents/{id}/status}; {@code clearShift: true} removes the shift, an empty {@code email}
 * or {@code chatUrl} removes that address.
 */
public record AgentUpdateRequest(
        @Size(min = 1, max = 200) String name,
        AgentTier tier,
        @Size(max = 100) String team,
        @Size(min = 1) List<@NotNull Category> skills,
        @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = AgentRequest.LANGUAGE,
                message = "must be a BCP 47 language tag such as en or zh-CN") String> languages,
        @Min(0) @Max(1000) Integer capacity,
        Boolean vipCapable,
        @Valid ShiftRequest shift,
        Boolean clearShift,
        @Email @Size(max = 320) String email,
        @Pattern(regexp = AgentRequest.CHAT_URL, message = "must be an http or https URL") @Size(max = 2000) String chatUrl,
        ChatWebhookFormat chatFormat) {

    ChangeAgentCommand toCommand() {
        return new ChangeAgentCommand(name, tier, team, skills, languages, capacity, vipCapable,
                shift == null ? null : shift.toCommand(), clearShift, email, chatUrl, chatFormat);
    }
}
