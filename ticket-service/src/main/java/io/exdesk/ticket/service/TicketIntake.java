package io.exdesk.ticket.service;

import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import jakarta.inject.Singleton;

/** TEMPORARY pass-through while intake is being written. */
@Singleton
public class TicketIntake {

    /** The text to store and the category and priority to use. */
    public record Result(String subject, String description, Category category, Priority priority,
                         boolean secretsRedacted) {
    }

    public Result process(String subject, String description, String language, Category category, Priority priority) {
        return new Result(subject, description, category != null ? category : Category.GENERAL,
                priority != null ? priority : Priority.NORMAL, false);
    }

    public String redact(String text) {
        return text;
    }
}
