package io.exdesk.notification.rest;

/** Shapes of contact fields shared by the request records. */
final class ContactRules {

    static final String LANGUAGE = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$";
    static final String URL = "^https?://\\S+$";
    static final String ID = "^[A-Za-z0-9._:@-]{1,128}$";

    private ContactRules() {
    }
}
