package io.exdesk.console.rest;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Locale;

/** The console's two languages: the person's choice (a cookie), else the browser's Accept-Language, else English. */
public final class Languages {

    public static final String COOKIE = "exdesk-lang";
    public static final List<String> SUPPORTED = List.of("en", "zh-CN");

    private Languages() {
    }

    public static Locale of(HttpHeaders headers) {
        var chosen = headers.getCookies().get(COOKIE);
        if (chosen != null && SUPPORTED.contains(chosen.getValue())) {
            return Locale.forLanguageTag(chosen.getValue());
        }
        for (Locale wanted : headers.getAcceptableLanguages()) {
            String language = wanted.getLanguage();
            if ("zh".equals(language)) {
                return Locale.forLanguageTag("zh-CN");
            }
            if ("en".equals(language)) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    /** The tag the pages use (html lang, the switcher). */
    public static String tag(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? "zh-CN" : "en";
    }
}
