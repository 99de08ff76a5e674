package io.exdesk.console.rest;

import io.exdesk.console.domain.SignedIn;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;

/** Gives a page what every page shows: the language (messages and the switcher) and who is signed in. */
final class Render {

    private Render() {
    }

    static TemplateInstance page(TemplateInstance page, HttpHeaders headers, SignedIn me) {
        Locale locale = Languages.of(headers);
        return page.setLocale(locale).data("lang", Languages.tag(locale)).data("me", me);
    }
}
