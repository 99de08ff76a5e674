package io.exdesk.console.rest;

/** A refusal shown as an error page: the status and a message key ({@code detail} is a service's own words, if any). */
public class PageException extends RuntimeException {

    private final int status;
    private final String messageKey;
    private final String detail;

    public PageException(int status, String messageKey) {
        this(status, messageKey, null);
    }

    public PageException(int status, String messageKey, String detail) {
        super(status + " " + messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public String detail() {
        return detail;
    }
}
