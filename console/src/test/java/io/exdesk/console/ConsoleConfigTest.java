package io.exdesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.console.config.ConsoleConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The console starts with unknown {@code console.*} keys allowed (a system property of that prefix from other
 * software must not stop it: application.properties says why), so a misspelt key in application.properties would
 * go unnoticed at start: this test is the check SmallRye Config no longer makes there.
 */
class ConsoleConfigTest {

    @Test
    void everyConsoleKeyOfApplicationPropertiesIsASetting() throws IOException {
        Set<String> settings = new TreeSet<>();
        collect(ConsoleConfig.class, "console", settings);
        assertThat(settings).contains("console.token.signing-key-location", "console.bootstrap.accounts-file");

        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            String unprofiled = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (unprofiled.startsWith("console.")) {
                keys.add(unprofiled);
            }
        }
        assertThat(keys).isNotEmpty();
        assertThat(settings).containsAll(keys);
    }

    private static void collect(Class<?> mapping, String prefix, Set<String> settings) {
        for (Method method : mapping.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            String name = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == ConsoleConfig.class) {
                collect(method.getReturnType(), name, settings);
            } else {
                settings.add(name);
            }
        }
    }
}
