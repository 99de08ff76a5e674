package io.exdesk.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one ExDesk service reads, so deployment files (compose, Kubernetes) can be checked against it:
 * its HTTP port, its database, the configuration properties it knows, which property an environment
 * variable sets, and the paths of its health and metrics endpoints.
 *
 * <p>Everything comes from the <b>packaged</b> service ({@code <service>/target/quarkus-app/}, the
 * files its container image holds), so the services must be packaged first (the reactor does that:
 * deploy comes after them). The known properties are:
 * <ul>
 * <li>the keys of the service's {@code application.properties} and of the platform's
 * {@code META-INF/microprofile-config.properties} (as packaged, {@code %profile.} prefixes removed);
 * <li>every {@code @ConfigMapping} of the application: ExDesk's own ({@code exdesk.*}, {@code ticket.*},
 * ...) found by scanning the service's and the platform's {@code io.exdesk} classes, and every Quarkus
 * extension's config root listed in its {@code META-INF/quarkus-config-roots.list}. Their property
 * names come from SmallRye Config's own model of a mapping ({@code ConfigMappingInterface}), loaded from
 * the service's jars, so kebab-case, {@code @WithName}, {@code @WithParentName}, maps ({@code *}) and
 * lists ({@code [*]}) follow exactly the rules the running service applies;
 * <li>the properties injected one by one with {@code @ConfigProperty}, read from the annotations of
 * the packaged classes: ExDesk's own (e.g. {@code quarkus.application.name}) and smallrye-jwt's
 * {@code JWTAuthContextInfoProvider}, which reads every {@code mp.jwt.*} and {@code smallrye.jwt.*} key
 * that way;
 * <li>{@code kafka.*}: the SmallRye Kafka connector hands every {@code kafka.} key to the Kafka client,
 * so the names {@code ProducerConfig}, {@code ConsumerConfig} and {@code AdminClientConfig} of the
 * packaged kafka-clients define.
 * </ul>
 * Not from {@code quarkus/generated-bytecode.jar}: it holds what the build generated, which is not the
 * list of names a service accepts.
 *
 * <p>Variables the JVM reads itself rather than the configuration are {@link #JVM_VARIABLES}.
 */
public final class ServiceSettings {

    public static final String HEALTH_LIVE = "/q/health/live";
    public static final String HEALTH_READY = "/q/health/ready";
    public static final String HEALTH_STARTED = "/q/health/started";
    public static final String METRICS = "/q/metrics";
    /** Every operational endpoint each service serves (no token needed). */
    public static final List<String> ENDPOINTS = List.of(HEALTH_LIVE, HEALTH_READY, HEALTH_STARTED, METRICS);

    /** The four service modules, also the names of their images ({@code exdesk/<name>}) and containers. */
    public static final List<String> SERVICES =
            List.of("ticket-service", "routing-service", "sla-service", "notification-service");

    /**
     * The agents' web console: an application deployed like the services (image, port, database, health), but
     * no Kafka client, so it is not among {@link #SERVICES}; {@link #of} reads it all the same.
     */
    public static final String CONSOLE = "console";

    /**
     * Environment variables read by the JVM itself, whatever the image's entrypoint: JVM options such as
     * the heap size go here, not into any configuration property.
     */
    public static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static final String CONFIG_MAPPING = "io.smallrye.config.ConfigMapping";
    private static final String CONFIG_PROPERTY = "org.eclipse.microprofile.config.inject.ConfigProperty";
    /** smallrye-jwt reads its settings (mp.jwt.*, smallrye.jwt.*) by {@code @ConfigProperty}, not by a mapping. */
    private static final String JWT_SETTINGS = "io.smallrye.jwt.config.JWTAuthContextInfoProvider";
    private static final Map<String, ServiceSettings> CACHE = new ConcurrentHashMap<>();

    private final String name;
    private final int httpPort;
    private final String database;
    private final Set<String> properties;

    private ServiceSettings(String name, int httpPort, String database, Set<String> properties) {
        this.name = name;
        this.httpPort = httpPort;
        this.database = database;
        this.properties = Collections.unmodifiableSet(properties);
    }

    /** The settings of one of {@link #SERVICES} or the {@link #CONSOLE}, read from its packaged application (cached). */
    public static ServiceSettings of(String service) {
        if (!SERVICES.contains(service) && !CONSOLE.equals(service)) {
            throw new IllegalArgumentException(service + " is no ExDesk service; the services are " + SERVICES
                    + " and the " + CONSOLE);
        }
        return CACHE.computeIfAbsent(service, ServiceSettings::read);
    }

    public static List<ServiceSettings> all() {
        return SERVICES.stream().map(ServiceSettings::of).toList();
    }

    /** The repository's top directory (the tests run in {@code deploy/}). */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * The environment variable that sets {@code property}, by the MicroProfile Config rule: every
     * character that is not a letter or digit becomes {@code _}, then upper case
     * ({@code exdesk.outbox.max-backlog-age} → {@code EXDESK_OUTBOX_MAX_BACKLOG_AGE}).
     */
    public static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The module name, e.g. {@code ticket-service}. */
    public String name() {
        return name;
    }

    /** {@code quarkus.http.port} of its {@code application.properties}: the port it listens on in a container. */
    public int httpPort() {
        return httpPort;
    }

    /** Its own database (the last path segment of its default JDBC URL), e.g. {@code tickets}. */
    public String database() {
        return database;
    }

    /**
     * Every property name it knows, as SmallRye Config names them: {@code *} stands for a map key (one or
     * more segments, e.g. a channel name), {@code [*]} for a list index.
     */
    public Set<String> properties() {
        return properties;
    }

    /**
     * The property that environment variable {@code variable} sets in this service, or empty if the
     * service reads no such property (a typo, or another service's setting). An exact name wins over a
     * name with {@code *}. For a {@link #JVM_VARIABLES JVM variable} it is the variable itself.
     */
    public Optional<String> propertyOf(String variable) {
        if (JVM_VARIABLES.contains(variable)) {
            return Optional.of(variable);
        }
        Optional<String> exact = properties.stream().filter(p -> envName(p).equals(variable)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return properties.stream().filter(p -> p.contains("*") && envPattern(p).matcher(variable).matches())
                .findFirst();
    }

    /** Whether setting environment variable {@code variable} configures something this service reads. */
    public boolean reads(String variable) {
        return propertyOf(variable).isPresent();
    }

    @Override
    public String toString() {
        return name + " (port " + httpPort + ", database " + database + ", " + properties.size() + " properties)";
    }

    /** {@code *} may stand for a key of several segments ({@code "io.exdesk"} → {@code _IO_EXDESK_}), {@code [*]} for an index. */
    private static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < property.length(); i++) {
            boolean index = property.startsWith("[*]", i);
            if (index || property.charAt(i) == '*') {
                regex.append(Pattern.quote(envName(literal.toString()))).append(index ? "_[0-9]+_" : "[A-Z0-9_]+");
                literal.setLength(0);
                i += index ? 2 : 0;
            } else {
                literal.append(property.charAt(i));
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(envName(literal.toString()))).toString());
    }

    private static ServiceSettings read(String service) {
        Path app = repositoryRoot().resolve(service).resolve("target/quarkus-app");
        if (!Files.isDirectory(app.resolve("lib/main"))) {
            throw new IllegalStateException(service + " is not packaged (" + app + " is missing): run ./mvnw -B -pl "
                    + service + " package -DskipTests first");
        }
        List<Path> jars = jars(app);
        Path serviceJar = jars(app.resolve("app")).get(0);
        // The console is built without the platform, smallrye-jwt and Kafka: it verifies no tokens, it signs them.
        boolean console = CONSOLE.equals(service);
        Optional<Path> platform = jars.stream()
                .filter(jar -> jar.getFileName().toString().startsWith("io.exdesk.exdesk-platform-")).findFirst();
        if (platform.isEmpty() && !console) {
            throw new IllegalStateException("No platform jar in " + app);
        }

        Properties own = propertiesIn(serviceJar, "application.properties");
        Properties shared = platform.isPresent()
                ? propertiesIn(platform.get(), "META-INF/microprofile-config.properties") : new Properties();
        Set<String> names = new TreeSet<>();
        Stream.concat(own.stringPropertyNames().stream(), shared.stringPropertyNames().stream())
                .map(key -> key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key)
                .forEach(names::add);

        try (URLClassLoader loader = new URLClassLoader(urls(jars), ClassLoader.getPlatformClassLoader())) {
            List<Class<?>> exdesk = new ArrayList<>(exdeskClasses(loader, serviceJar));
            if (platform.isPresent()) {
                exdesk.addAll(exdeskClasses(loader, platform.get()));
            }
            List<String> mappings = new ArrayList<>(configRoots(loader));
            exdesk.stream().filter(type -> annotation(type, CONFIG_MAPPING) != null).map(Class::getName).forEach(mappings::add);
            for (String mapping : mappings) {
                names.addAll(mappingProperties(loader, mapping));
            }
            if (!console) {
                exdesk.add(load(loader, JWT_SETTINGS));
            }
            for (Class<?> type : exdesk) {
                names.addAll(injectedProperties(type));
            }
            if (!console) {
                names.addAll(kafkaClientProperties(loader));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        String port = own.getProperty("quarkus.http.port");
        String url = own.getProperty("quarkus.datasource.jdbc.url");
        if (port == null || url == null) {
            throw new IllegalStateException(service + "'s application.properties sets no quarkus.http.port or quarkus.datasource.jdbc.url");
        }
        return new ServiceSettings(service, Integer.parseInt(port.trim()), url.substring(url.lastIndexOf('/') + 1), names);
    }

    /** boot, main and app jars: the whole application, as the image runs it. */
    private static List<Path> jars(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL[] urls(List<Path> jars) {
        return jars.stream().map(jar -> {
            try {
                return jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }).toArray(URL[]::new);
    }

    private static Properties propertiesIn(Path jar, String entry) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var found = file.getJarEntry(entry);
            if (found == null) {
                throw new IllegalStateException(jar + " holds no " + entry);
            }
            Properties properties = new Properties();
            try (InputStream in = file.getInputStream(found)) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> configRoots(ClassLoader loader) throws IOException {
        List<String> roots = new ArrayList<>();
        for (URL list : Collections.list(loader.getResources("META-INF/quarkus-config-roots.list"))) {
            try (InputStream in = list.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(roots::add);
            }
        }
        return roots;
    }

    /** Every {@code io.exdesk} class in {@code jar}, loaded without running its static initialisers. */
    private static List<Class<?>> exdeskClasses(ClassLoader loader, Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(entry -> entry.getName())
                    .filter(entry -> entry.startsWith("io/exdesk/") && entry.endsWith(".class"))
                    .<Class<?>>map(entry -> load(loader, entry.substring(0, entry.length() - ".class".length()).replace('/', '.')))
                    .toList();
        }
    }

    /** The names of its {@code @ConfigProperty} injection points: fields, constructor and method parameters. */
    private static Set<String> injectedProperties(Class<?> type) {
        Set<String> names = new TreeSet<>();
        List<Annotation> annotations = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            annotations.addAll(List.of(field.getAnnotations()));
        }
        for (Executable executable : Stream.concat(Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods())).toList()) {
            for (Annotation[] parameter : executable.getParameterAnnotations()) {
                annotations.addAll(List.of(parameter));
            }
        }
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(CONFIG_PROPERTY)) {
                try {
                    names.add((String) annotation.annotationType().getMethod("name").invoke(annotation));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read " + annotation, e);
                }
            }
        }
        names.remove("");
        return names;
    }

    /** Full property names of one mapping, by SmallRye Config's own model of it. */
    @SuppressWarnings("unchecked")
    private static Set<String> mappingProperties(ClassLoader loader, String mapping) {
        try {
            Class<?> type = load(loader, mapping);
            Annotation configMapping = annotation(type, CONFIG_MAPPING);
            String prefix = (String) configMapping.annotationType().getMethod("prefix").invoke(configMapping);
            Class<?> model = load(loader, "io.smallrye.config.ConfigMappingInterface");
            Object described = model.getMethod("getConfigurationInterface", Class.class).invoke(null, type);
            var byType = (Map<Class<?>, Map<String, Map<String, ?>>>) model.getMethod("getProperties", model)
                    .invoke(null, described);
            Set<String> names = new TreeSet<>();
            byType.get(type).values().forEach(byName -> byName.keySet().forEach(
                    key -> names.add(prefix.isEmpty() ? key : key.isEmpty() ? prefix : prefix + "." + key)));
            return names;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot list the properties of " + mapping, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> kafkaClientProperties(ClassLoader loader) {
        Set<String> names = new TreeSet<>();
        for (String config : List.of("org.apache.kafka.clients.producer.ProducerConfig",
                "org.apache.kafka.clients.consumer.ConsumerConfig", "org.apache.kafka.clients.admin.AdminClientConfig")) {
            try {
                Set<String> configNames = (Set<String>) load(loader, config).getMethod("configNames").invoke(null);
                configNames.forEach(name -> names.add("kafka." + name));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot list the Kafka client's " + config, e);
            }
        }
        return names;
    }

    private static Class<?> load(ClassLoader loader, String className) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Cannot load " + className + " from the packaged service", e);
        }
    }

    private static Annotation annotation(Class<?> type, String annotationName) {
        for (Annotation annotation : type.getAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                return annotation;
            }
        }
        return null;
    }
}
