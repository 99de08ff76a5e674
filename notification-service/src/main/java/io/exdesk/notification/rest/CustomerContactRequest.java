package io.exdesk.notification.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** How to reach a customer for security notices; erased with the customer's data. */
public record CustomerContactRequest(
        @NotBlank @Email @Size(max = 320) String email,
        @Pattern(regexp = ContactRules.LANGUAGE, message = "must be a BCP 47 tag such as en or zh-CN") String language) {
}
