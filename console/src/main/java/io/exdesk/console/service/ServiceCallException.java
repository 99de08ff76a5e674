package io.exdesk.console.service;

/** A service refused a call or could not be reached; {@code detail} is its problem+json detail, shown to the person. */
public class ServiceCallException extends RuntimeException {

    private final int status;
    private final String detail;

    public ServiceCallException(int status, String detail) {
        super(status + " " + detail);
        this.status = status;
        this.detail = detail;
    }

    /** The HTTP status, or 502 when the service could not be reached. */
    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }
}
