package io.exdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/: every manifest is read strictly against the Kubernetes model (an unknown field fails), the
 * overlays as {@code kubectl kustomize} builds them and the base's files as written, and the builds
 * are checked against the services they run ({@link ServiceSettings}, shared with the compose checks)
 * and against the scaling rules of docs/operations.md ("Scaling").
 */
class KubernetesManifestsTest {

    private static final Path ROOT = ServiceSettings.repositoryRoot();
    private static final Path K8S = ROOT.resolve("k8s");

    /** The image's user (quarkus.jib.user): never root. */
    private static final long APP_UID = 185;

    /**
     * Memory a service uses besides its heap (metaspace, code cache, compiler, threads, buffers): about
     * 200 MiB measured with native memory tracking on all four services under load
     * (docs/operations.md, "Deploying on Kubernetes"). The heap's share of the limit must leave it.
     */
    private static final BigDecimal NON_HEAP_BYTES = BigDecimal.valueOf(200L * 1024 * 1024);

    /** The JVM's heap share of the container's memory when JAVA_TOOL_OPTIONS does not say. */
    private static final int JVM_DEFAULT_MAX_RAM_PERCENTAGE = 25;

    /** How long each background loop's stop waits for its batch (platform BackgroundLoop.stop). */
    private static final Duration BACKGROUND_STOP = Duration.ofSeconds(30);

    /** Connections a PostgreSQL server keeps beyond the services: the operator, monitoring, superusers. */
    private static final int RESERVED_CONNECTIONS = 20;

    private static final Map<String, KubernetesManifests> BUILDS = new ConcurrentHashMap<>();

    private static KubernetesManifests overlay(String name) {
        return BUILDS.computeIfAbsent(name, key -> KubernetesManifests.build(K8S.resolve("overlays").resolve(key)));
    }

    /** The four services and the console: what the overlays deploy. */
    private static List<ServiceSettings> deployed() {
        List<ServiceSettings> all = new ArrayList<>(ServiceSettings.all());
        all.add(ServiceSettings.of(ServiceSettings.CONSOLE));
        return all;
    }

    private static Set<String> deployedNames() {
        Set<String> names = new TreeSet<>(ServiceSettings.SERVICES);
        names.add(ServiceSettings.CONSOLE);
        return names;
    }

    private static KubernetesManifests example(String name) {
        return BUILDS.computeIfAbsent("examples/" + name, key -> KubernetesManifests.build(K8S.resolve(key)));
    }

    // ---- strict reading ----

    @Test
    void theBaseFilesAsWrittenAreStrictlyKubernetes() throws IOException {
        List<Path> files;
        try (Stream<Path> found = Files.list(K8S.resolve("base"))) {
            files = found.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
        assertThat(files).as("k8s/base manifests").isNotEmpty();
        for (Path file : files) {
            KubernetesManifests manifests = KubernetesManifests.read(file);
            assertThat(manifests.generic()).as("kinds outside the Kubernetes model in " + file).isEmpty();
        }
        KubernetesManifests monitor = KubernetesManifests.read(K8S.resolve("components/service-monitor/service-monitor.yaml"));
        assertThat(monitor.all(ServiceMonitor.class)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectOfTheOverlayIsStrictlyKubernetes(String overlay) {
        KubernetesManifests build = overlay(overlay);
        assertThat(build.generic()).as("kinds outside the Kubernetes model in " + build.origin()).isEmpty();
        for (HasMetadata object : build.all()) {
            if (!(object instanceof io.fabric8.kubernetes.api.model.Namespace)) {
                assertThat(object.getMetadata().getNamespace()).as(describe(object) + " namespace")
                        .isEqualTo("dev".equals(overlay) ? "exdesk-dev" : "exdesk");
            }
        }
    }

    // ---- the services ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceRunsAsADeploymentWithItsServiceAutoscalerAndDisruptionBudget(String overlay) {
        KubernetesManifests build = overlay(overlay);
        Set<String> services = deployedNames();
        assertThat(names(build.all(Deployment.class))).as("Deployments").isEqualTo(services);
        assertThat(names(build.all(Service.class))).as("Services").isEqualTo(services);
        assertThat(names(build.all(HorizontalPodAutoscaler.class))).as("HorizontalPodAutoscalers").isEqualTo(services);
        assertThat(names(build.all(PodDisruptionBudget.class))).as("PodDisruptionBudgets").isEqualTo(services);
        String version = projectVersion();
        for (String service : services) {
            Deployment deployment = build.get(Deployment.class, service);
            assertThat(app(deployment).getImage()).as(service + " image").isEqualTo("exdesk/" + service + ":" + version);
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertThat(podLabels(deployment)).as(service + " pod labels, which its selector must match")
                    .containsAllEntriesOf(selector);
            assertThat(selector).as(service + " selector").isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void portsAreTheHttpPortEachServiceListensOn(String overlay) {
        KubernetesManifests build = overlay(overlay);
        for (ServiceSettings settings : deployed()) {
            Deployment deployment = build.get(Deployment.class, settings.name());
            Container app = app(deployment);
            assertThat(app.getPorts()).extracting(ContainerPort::getContainerPort).as(settings.name() + " container ports")
                    .containsExactly(settings.httpPort());
            Service service = build.get(Service.class, settings.name());
            assertThat(service.getSpec().getSelector()).as(settings.name() + " Service selector")
                    .isNotEmpty().isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(podLabels(deployment)).as(settings.name() + " pod labels")
                    .containsAllEntriesOf(service.getSpec().getSelector());
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPort(app, port.getTargetPort())).as(settings.name() + " Service targetPort " + port.getTargetPort())
                        .isEqualTo(settings.httpPort());
                assertThat(port.getPort()).as(settings.name() + " Service port").isEqualTo(settings.httpPort());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvironmentVariableSetsAPropertyTheServiceReads(String overlay) {
        KubernetesManifests build = overlay(overlay);
        for (ServiceSettings settings : deployed()) {
            Container app = app(build.get(Deployment.class, settings.name()));
            List<String> unread = environmentNames(build, app).stream().filter(name -> !settings.reads(name)).toList();
            assertThat(unread).as(settings.name() + ": variables that set nothing the service reads").isEmpty();
            Map<String, String> env = literalEnvironment(build, app);
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL")).as(settings.name() + " database")
                    .endsWith("/" + settings.database());
            assertThat(environmentNames(build, app)).as(settings.name() + " settings a deployment must make")
                    .contains("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")
                    .contains(settings.name().equals(ServiceSettings.CONSOLE)
                            ? new String[] {"CONSOLE_SERVICES_TICKET", "CONSOLE_SERVICES_ROUTING", "CONSOLE_SERVICES_SLA"}
                            : new String[] {"KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_PUBLICKEY_LOCATION"});
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void probesAskTheHealthEndpoints(String overlay) {
        KubernetesManifests build = overlay(overlay);
        for (ServiceSettings settings : deployed()) {
            Container app = app(build.get(Deployment.class, settings.name()));
            assertProbe(settings, app, "startupProbe", app.getStartupProbe(), ServiceSettings.HEALTH_STARTED);
            assertProbe(settings, app, "livenessProbe", app.getLivenessProbe(), ServiceSettings.HEALTH_LIVE);
            assertProbe(settings, app, "readinessProbe", app.getReadinessProbe(), ServiceSettings.HEALTH_READY);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void prometheusScrapesTheMetricsEndpoint(String overlay) {
        KubernetesManifests build = overlay(overlay);
        for (ServiceSettings settings : deployed()) {
            Map<String, String> annotations = build.get(Deployment.class, settings.name()).getSpec().getTemplate()
                    .getMetadata().getAnnotations();
            assertThat(annotations).as(settings.name() + " scrape annotations").containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", Integer.toString(settings.httpPort()))
                    .containsEntry("prometheus.io/path", ServiceSettings.METRICS);
        }
    }

    /** The optional component, added to prod as docs/operations.md says, monitors every service. */
    @Test
    void theServiceMonitorComponentScrapesEveryServiceOnItsHttpPort() throws IOException {
        Path wrapper = ROOT.resolve("deploy/target/kubernetes/prod-with-service-monitor");
        Files.createDirectories(wrapper);
        Files.writeString(wrapper.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../../../k8s/overlays/prod
                components:
                  - ../../../../k8s/components/service-monitor
                """);
        KubernetesManifests build = KubernetesManifests.build(wrapper);
        assertThat(build.generic()).as("kinds outside the model").isEmpty();
        List<ServiceMonitor> monitors = build.all(ServiceMonitor.class);
        assertThat(monitors).hasSize(1);
        ServiceMonitor monitor = monitors.get(0);
        Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
        List<Service> selected = build.all(Service.class).stream()
                .filter(service -> service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
        assertThat(names(selected)).as("Services the monitor selects").isEqualTo(deployedNames());
        for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
            assertThat(endpoint.getPath()).isEqualTo(ServiceSettings.METRICS);
            for (Service service : selected) {
                assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).as(describe(service) + " ports")
                        .contains(endpoint.getPort());
            }
        }
    }

    // ---- references ----

    /**
     * Everything a pod takes from a ConfigMap or Secret is in the build, except, in prod, what
     * docs/operations.md lists as created beforehand (no secret is in git); and that list names
     * nothing the pods do not use.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyConfigMapAndSecretAPodUsesExistsOrIsDocumentedAsCreatedBeforehand(String overlay) {
        KubernetesManifests build = overlay(overlay);
        List<Reference> references = build.all(Deployment.class).stream()
                .flatMap(deployment -> references(deployment).stream()).toList();
        List<Reference> missing = references.stream().filter(reference -> !reference.isIn(build)).toList();
        if ("dev".equals(overlay)) {
            assertThat(missing).as("references to nothing in " + build.origin()).isEmpty();
            return;
        }
        Map<String, Set<String>> documented = documentedExternalObjects();
        List<Reference> undocumented = missing.stream().filter(reference -> !reference.isListedIn(documented)).toList();
        assertThat(undocumented).as("references to objects neither in the build nor in docs/operations.md's list "
                + "of what exists beforehand").isEmpty();
        Set<String> used = new TreeSet<>();
        missing.forEach(reference -> used.add(reference.kind() + " " + reference.name()));
        assertThat(used).as("what docs/operations.md says must exist beforehand").isEqualTo(documented.keySet());
        assertThat(build.all(Secret.class)).as("Secrets in prod: none belong in git").isEmpty();
    }

    // ---- pods ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodRunsAsNonRootWithNothingExtra(String overlay) {
        KubernetesManifests build = overlay(overlay);
        for (Deployment deployment : build.all(Deployment.class)) {
            String name = describe(deployment);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            assertThat(podSecurity).as(name + " pod securityContext").isNotNull();
            assertThat(podSecurity.getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(podSecurity.getRunAsUser()).as(name + " runAsUser").isEqualTo(APP_UID);
            assertThat(podSecurity.getSeccompProfile()).as(name + " seccompProfile").isNotNull();
            assertThat(podSecurity.getSeccompProfile().getType()).as(name + " seccompProfile").isEqualTo("RuntimeDefault");
            assertThat(pod.getHostNetwork()).as(name + " hostNetwork").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as(name + " hostPID").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostIPC()).as(name + " hostIPC").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getAutomountServiceAccountToken()).as(name + " automountServiceAccountToken (no service calls the API)")
                    .isFalse();
            for (Container container : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList()) {
                String where = name + " container " + container.getName();
                SecurityContext security = container.getSecurityContext();
                assertThat(security).as(where + " securityContext").isNotNull();
                assertThat(security.getPrivileged()).as(where + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(security.getAllowPrivilegeEscalation()).as(where + " allowPrivilegeEscalation").isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as(where + " readOnlyRootFilesystem").isTrue();
                assertThat((Object) security.getRunAsUser()).as(where + " runAsUser (unset: the pod's)").isNotEqualTo(0L);
                assertThat(security.getCapabilities()).as(where + " capabilities").isNotNull();
                assertThat(security.getCapabilities().getDrop()).as(where + " capabilities dropped").contains("ALL");
                assertThat(security.getCapabilities().getAdd()).as(where + " capabilities added").isEmpty();
                assertThat(writableTmp(pod, container)).as(where + ": /tmp from an emptyDir (the root filesystem is read-only)")
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void resourcesAreBoundedAndTheHeapLeavesRoomForTheRestOfTheJvm(String overlay) {
        KubernetesManifests build = overlay(overlay);
        for (Deployment deployment : build.all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String where = describe(deployment) + " container " + container.getName();
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(requests).as(where + " requests").containsKey(resource);
                    assertThat(limits).as(where + " limits").containsKey(resource);
                    assertThat(Quantity.getAmountInBytes(requests.get(resource)))
                            .as(where + " " + resource + " request " + requests.get(resource) + " ≤ limit " + limits.get(resource))
                            .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get(resource)));
                }
                BigDecimal memory = Quantity.getAmountInBytes(limits.get("memory"));
                int heapPercent = maxRamPercentage(literalEnvironment(build, container).get("JAVA_TOOL_OPTIONS"));
                BigDecimal rest = memory.multiply(BigDecimal.valueOf(100 - heapPercent)).divide(BigDecimal.valueOf(100));
                assertThat(rest).as(where + ": memory limit " + limits.get("memory") + " minus a heap of " + heapPercent
                        + " % leaves the JVM's non-heap memory").isGreaterThanOrEqualTo(NON_HEAP_BYTES);
            }
        }
    }

    /**
     * A stopping pod is killed only after the endpoints dropped it (preStop), requests in flight finished
     * (quarkus.shutdown.timeout) and the background loops finished their batch.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGracePeriodCoversAGracefulShutdown(String overlay) {
        KubernetesManifests build = overlay(overlay);
        for (Deployment deployment : build.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container app = app(deployment);
            String shutdownTimeout = literalEnvironment(build, app).get("QUARKUS_SHUTDOWN_TIMEOUT");
            assertThat(shutdownTimeout).as(describe(deployment) + " QUARKUS_SHUTDOWN_TIMEOUT (unset, Quarkus does not wait for requests)")
                    .isNotNull();
            long preStop = Optional.ofNullable(app.getLifecycle()).map(lifecycle -> lifecycle.getPreStop())
                    .map(handler -> handler.getSleep()).map(sleep -> sleep.getSeconds()).orElse(0L);
            long needed = preStop + quarkusDuration(shutdownTimeout).toSeconds() + BACKGROUND_STOP.toSeconds();
            assertThat(pod.getTerminationGracePeriodSeconds()).as(describe(deployment) + " terminationGracePeriodSeconds")
                    .isNotNull().isGreaterThanOrEqualTo(needed);
        }
    }

    // ---- scaling (docs/operations.md, "Scaling") ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void autoscalersTargetTheirDeploymentWithinTheSafeBounds(String overlay) {
        KubernetesManifests build = overlay(overlay);
        Map<String, Integer> partitions = topicPartitions();
        for (HorizontalPodAutoscaler autoscaler : build.all(HorizontalPodAutoscaler.class)) {
            String service = autoscaler.getMetadata().getName();
            var target = autoscaler.getSpec().getScaleTargetRef();
            assertThat(target.getKind()).as(service + " scaleTargetRef kind").isEqualTo("Deployment");
            assertThat(target.getApiVersion()).as(service + " scaleTargetRef apiVersion").isEqualTo("apps/v1");
            Deployment deployment = build.get(Deployment.class, target.getName());
            assertThat(deployment.getSpec().getReplicas()).as(describe(deployment) + " replicas (the autoscaler owns them)")
                    .isNull();
            int min = Objects.requireNonNullElse(autoscaler.getSpec().getMinReplicas(), 1);
            int max = autoscaler.getSpec().getMaxReplicas();
            assertThat(min).as(service + " minReplicas").isBetween(1, max);
            if ("prod".equals(overlay)) {
                assertThat(min).as(service + " minReplicas in prod (one pod down must not stop the service)")
                        .isGreaterThanOrEqualTo(2);
            }
            if (service.equals(ServiceSettings.CONSOLE)) {
                continue; // it consumes no topic: no partition bounds it
            }
            int usefulInstances = consumedTopics(service).stream().mapToInt(topic -> {
                assertThat(partitions).as("topics of k8s/examples/strimzi").containsKey(topic);
                return partitions.get(topic);
            }).max().orElseThrow();
            assertThat(max).as(service + " maxReplicas: an instance beyond the partitions of every topic it consumes "
                    + "(" + consumedTopics(service) + ") gets none").isLessThanOrEqualTo(usefulInstances);
        }
    }

    /** At the autoscalers' maximum, with one surge pod each during a rollout, the pools fit the server. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void databaseConnectionsFitTheServerAtMostInstances(String overlay) {
        KubernetesManifests build = overlay(overlay);
        int total = 0;
        for (Deployment deployment : build.all(Deployment.class)) {
            String pool = literalEnvironment(build, app(deployment)).get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
            assertThat(pool).as(describe(deployment) + " QUARKUS_DATASOURCE_JDBC_MAX_SIZE (the budget needs it stated)")
                    .isNotNull();
            int max = build.get(HorizontalPodAutoscaler.class, deployment.getMetadata().getName()).getSpec().getMaxReplicas();
            IntOrString surge = deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge();
            total += (max + surgePods(surge, max)) * Integer.parseInt(pool);
        }
        GenericKubernetesResource cluster = example("cloudnative-pg").generic().stream()
                .filter(object -> object.getKind().equals("Cluster")).findFirst().orElseThrow();
        Map<String, Object> parameters = cluster.get("spec", "postgresql", "parameters");
        int maxConnections = Integer.parseInt(parameters.get("max_connections").toString());
        assertThat(total).as("connections of every pool at maxReplicas + surge, against max_connections "
                + maxConnections + " minus " + RESERVED_CONNECTIONS + " reserved").isLessThanOrEqualTo(maxConnections - RESERVED_CONNECTIONS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void disruptionBudgetsCoverTheirPodsAndLetADrainProceed(String overlay) {
        KubernetesManifests build = overlay(overlay);
        for (PodDisruptionBudget budget : build.all(PodDisruptionBudget.class)) {
            String service = budget.getMetadata().getName();
            Map<String, String> selector = budget.getSpec().getSelector().getMatchLabels();
            assertThat(selector).as(service + " PDB selector").isNotEmpty();
            assertThat(budget.getSpec().getSelector().getMatchExpressions()).as(service + " PDB matchExpressions").isEmpty();
            List<String> covered = build.all(Deployment.class).stream()
                    .filter(deployment -> podLabels(deployment).entrySet().containsAll(selector.entrySet()))
                    .map(deployment -> deployment.getMetadata().getName()).toList();
            assertThat(covered).as(service + " PDB covers the pods of").containsExactly(service);
            int min = Objects.requireNonNullElse(build.get(HorizontalPodAutoscaler.class, service).getSpec().getMinReplicas(), 1);
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            assertThat(maxUnavailable == null ? minAvailable : maxUnavailable).as(service + " PDB bound").isNotNull();
            assertThat(maxUnavailable != null
                    ? maxUnavailable.getIntVal() != null && maxUnavailable.getIntVal() >= 1
                    : minAvailable.getIntVal() != null && minAvailable.getIntVal() < min)
                    .as(service + " PDB " + (maxUnavailable != null ? "maxUnavailable " + maxUnavailable : "minAvailable " + minAvailable)
                            + " lets a node drain evict a pod at " + min + " replica(s)")
                    .isTrue();
        }
    }

    // ---- the console ----

    /**
     * The console's service tokens are trusted: in dev it signs with the private half of the key pair whose public
     * half the services verify with, mounted where it reads it; the accounts file is mounted where it is named; and
     * the services it calls are Services of the build, on their ports.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theConsoleSignsWithAKeyTheServicesTrustAndCallsTheirServices(String overlay) throws Exception {
        KubernetesManifests build = overlay(overlay);
        Deployment console = build.get(Deployment.class, ServiceSettings.CONSOLE);
        PodSpec pod = console.getSpec().getTemplate().getSpec();
        Container app = app(console);
        Map<String, String> env = literalEnvironment(build, app);
        String keyFile = env.getOrDefault("CONSOLE_TOKEN_SIGNING_KEY_LOCATION",
                consoleDefault("console.token.signing-key-location")).replaceFirst("^file:", "");
        Map<String, String> secretFiles = mountedSecretFiles(pod, app);
        assertThat(secretFiles).as("console: files mounted from Secrets").containsKeys(keyFile,
                env.get("CONSOLE_BOOTSTRAP_ACCOUNTS_FILE"));
        for (String service : List.of("ticket-service", "routing-service", "sla-service")) {
            String url = env.get("CONSOLE_SERVICES_" + service.replace("-service", "").toUpperCase());
            int port = ServiceSettings.of(service).httpPort();
            assertThat(url).as("console's URL of " + service).isEqualTo("http://" + service + ":" + port);
            assertThat(build.get(Service.class, service).getSpec().getPorts()).extracting(ServicePort::getPort)
                    .as(service + " Service ports").contains(port);
        }
        if ("dev".equals(overlay)) {
            String[] secretAndKey = secretFiles.get(keyFile).split("/");
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    pemBody(decoded(build.get(Secret.class, secretAndKey[0]), secretAndKey[1]))));
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) privateKey;
            ConfigMap trusted = build.all(ConfigMap.class).stream()
                    .filter(map -> map.getMetadata().getName().startsWith("exdesk-jwt-public-key")).findFirst().orElseThrow();
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(pemBody(trusted.getData().get("public.pem"))));
            assertThat(publicKey.getModulus()).as("the services' key is the public half of the console's")
                    .isEqualTo(rsa.getModulus());
            assertThat(publicKey.getPublicExponent()).isEqualTo(rsa.getPublicExponent());
        }
    }

    /** Container path of each file a pod mounts from a Secret (plain or projected), and its "secret/key". */
    private static Map<String, String> mountedSecretFiles(PodSpec pod, Container app) {
        Map<String, String> files = new LinkedHashMap<>();
        for (var mount : app.getVolumeMounts()) {
            var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            List<io.fabric8.kubernetes.api.model.SecretProjection> secrets = new ArrayList<>();
            if (volume.getProjected() != null) {
                volume.getProjected().getSources().stream().filter(source -> source.getSecret() != null)
                        .forEach(source -> secrets.add(source.getSecret()));
            }
            if (volume.getSecret() != null) {
                secrets.add(new io.fabric8.kubernetes.api.model.SecretProjection(volume.getSecret().getItems(),
                        volume.getSecret().getSecretName(), volume.getSecret().getOptional()));
            }
            for (var secret : secrets) {
                for (KeyToPath item : secret.getItems()) {
                    files.put(mount.getMountPath() + "/" + item.getPath(), secret.getName() + "/" + item.getKey());
                }
            }
        }
        return files;
    }

    private static String consoleDefault(String property) {
        try (var in = Files.newBufferedReader(ROOT.resolve("console/src/main/resources/application.properties"))) {
            Properties properties = new Properties();
            properties.load(in);
            return Objects.requireNonNull(properties.getProperty(property), property);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pemBody(String pem) {
        return java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    // ---- the operator examples ----

    @Test
    void theKafkaExampleDeclaresEveryTopicAndItsDeadLetters() {
        KubernetesManifests strimzi = example("strimzi");
        Set<String> expected = new TreeSet<>();
        for (String topic : Topics.all()) {
            expected.add(topic);
            expected.add(Topics.deadLetter(topic));
        }
        assertThat(topicPartitions().keySet()).as("KafkaTopics of k8s/examples/strimzi").isEqualTo(expected);
        GenericKubernetesResource kafka = strimzi.generic().stream().filter(object -> object.getKind().equals("Kafka"))
                .findFirst().orElseThrow();
        List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
        Set<String> bootstrap = new TreeSet<>();
        listeners.stream().filter(listener -> Boolean.FALSE.equals(listener.get("tls")))
                .forEach(listener -> bootstrap.add(kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.get("port")));
        for (String overlay : List.of("dev", "prod")) {
            KubernetesManifests build = overlay(overlay);
            for (Deployment deployment : build.all(Deployment.class)) {
                if (deployment.getMetadata().getName().equals(ServiceSettings.CONSOLE)) {
                    continue; // no Kafka client
                }
                assertThat(literalEnvironment(build, app(deployment)).get("KAFKA_BOOTSTRAP_SERVERS"))
                        .as(overlay + " " + describe(deployment) + " KAFKA_BOOTSTRAP_SERVERS: the example's plain listener")
                        .isIn(bootstrap);
            }
        }
        Set<String> consumedAnywhere = new TreeSet<>();
        ServiceSettings.SERVICES.forEach(service -> consumedAnywhere.addAll(consumedTopics(service)));
        assertThat(expected).as("topics the services consume").containsAll(consumedAnywhere);
    }

    /** The example's databases, roles and passwords are the ones the Deployments use. */
    @Test
    void thePostgresExampleHoldsEveryServicesDatabaseOwnedByItsRole() {
        KubernetesManifests cnpg = example("cloudnative-pg");
        GenericKubernetesResource cluster = cnpg.generic().stream().filter(object -> object.getKind().equals("Cluster"))
                .findFirst().orElseThrow();
        List<Map<String, Object>> roles = cluster.get("spec", "managed", "roles");
        Map<String, String> secretOfRole = new LinkedHashMap<>();
        roles.forEach(role -> secretOfRole.put((String) role.get("name"),
                (String) ((Map<?, ?>) role.get("passwordSecret")).get("name")));
        Map<String, String> ownerOfDatabase = new LinkedHashMap<>();
        cnpg.generic().stream().filter(object -> object.getKind().equals("Database")).forEach(database -> {
            assertThat((String) database.get("spec", "cluster", "name")).isEqualTo(cluster.getMetadata().getName());
            ownerOfDatabase.put(database.get("spec", "name"), database.get("spec", "owner"));
        });
        KubernetesManifests dev = overlay("dev");
        for (ServiceSettings settings : deployed()) {
            String role = ownerOfDatabase.get(settings.database());
            assertThat(role).as("owner of database " + settings.database()).isNotNull();
            Container app = app(dev.get(Deployment.class, settings.name()));
            String secret = app.getEnv().stream().filter(env -> env.getName().equals("QUARKUS_DATASOURCE_USERNAME"))
                    .map(env -> env.getValueFrom().getSecretKeyRef().getName()).findFirst().orElseThrow();
            assertThat(secretOfRole.get(role)).as("Secret of role " + role).isEqualTo(secret);
            Secret devSecret = dev.get(Secret.class, secret);
            assertThat(devSecret.getType()).as(secret + " type (the operator reads basic-auth)").isEqualTo("kubernetes.io/basic-auth");
            assertThat(decoded(devSecret, "username")).as(secret + " username in dev").isEqualTo(role);
            assertThat(literalEnvironment(dev, app).get("QUARKUS_DATASOURCE_JDBC_URL"))
                    .isEqualTo("jdbc:postgresql://" + cluster.getMetadata().getName() + "-rw:5432/" + settings.database());
        }
    }

    // ---- helpers ----

    /** A pod's use of one ConfigMap or Secret (a key of it, or all of it when key is null). */
    record Reference(String kind, String name, String key, boolean optional, String user) {

        boolean isIn(KubernetesManifests build) {
            Optional<Set<String>> keys = keysOf(build, kind, name);
            if (keys.isEmpty()) {
                return optional;
            }
            return key == null || optional || keys.get().contains(key);
        }

        boolean isListedIn(Map<String, Set<String>> documented) {
            Set<String> keys = documented.get(kind + " " + name);
            return keys != null && (key == null || keys.contains(key));
        }
    }

    private static List<Reference> references(Deployment deployment) {
        String user = describe(deployment);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        List<Reference> references = new ArrayList<>();
        for (Container container : pod.getContainers()) {
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null) {
                    references.add(new Reference("ConfigMap", source.getConfigMapRef().getName(), null,
                            Boolean.TRUE.equals(source.getConfigMapRef().getOptional()), user));
                }
                if (source.getSecretRef() != null) {
                    references.add(new Reference("Secret", source.getSecretRef().getName(), null,
                            Boolean.TRUE.equals(source.getSecretRef().getOptional()), user));
                }
            }
            for (EnvVar env : container.getEnv()) {
                if (env.getValueFrom() == null) {
                    continue;
                }
                var configMapKey = env.getValueFrom().getConfigMapKeyRef();
                if (configMapKey != null) {
                    references.add(new Reference("ConfigMap", configMapKey.getName(), configMapKey.getKey(),
                            Boolean.TRUE.equals(configMapKey.getOptional()), user));
                }
                var secretKey = env.getValueFrom().getSecretKeyRef();
                if (secretKey != null) {
                    references.add(new Reference("Secret", secretKey.getName(), secretKey.getKey(),
                            Boolean.TRUE.equals(secretKey.getOptional()), user));
                }
            }
        }
        for (Volume volume : pod.getVolumes()) {
            if (volume.getConfigMap() != null) {
                addVolumeReferences(references, "ConfigMap", volume.getConfigMap().getName(), volume.getConfigMap().getItems(),
                        Boolean.TRUE.equals(volume.getConfigMap().getOptional()), user);
            }
            if (volume.getSecret() != null) {
                addVolumeReferences(references, "Secret", volume.getSecret().getSecretName(), volume.getSecret().getItems(),
                        Boolean.TRUE.equals(volume.getSecret().getOptional()), user);
            }
            if (volume.getProjected() != null) {
                for (var source : volume.getProjected().getSources()) {
                    assertThat(source.getSecret() != null || source.getConfigMap() != null)
                            .as(user + " volume " + volume.getName() + ": only Secrets and ConfigMaps are projected (and checked)")
                            .isTrue();
                    if (source.getSecret() != null) {
                        addVolumeReferences(references, "Secret", source.getSecret().getName(), source.getSecret().getItems(),
                                Boolean.TRUE.equals(source.getSecret().getOptional()), user);
                    }
                    if (source.getConfigMap() != null) {
                        addVolumeReferences(references, "ConfigMap", source.getConfigMap().getName(),
                                source.getConfigMap().getItems(), Boolean.TRUE.equals(source.getConfigMap().getOptional()), user);
                    }
                }
            }
        }
        return references;
    }

    private static void addVolumeReferences(List<Reference> references, String kind, String name, List<KeyToPath> items,
                                            boolean optional, String user) {
        if (items.isEmpty()) {
            references.add(new Reference(kind, name, null, optional, user));
        }
        items.forEach(item -> references.add(new Reference(kind, name, item.getKey(), optional, user)));
    }

    private static Optional<Set<String>> keysOf(KubernetesManifests build, String kind, String name) {
        Set<String> keys = new TreeSet<>();
        if (kind.equals("ConfigMap")) {
            Optional<ConfigMap> map = build.named(ConfigMap.class, name);
            map.ifPresent(found -> {
                keys.addAll(found.getData() == null ? Set.of() : found.getData().keySet());
                keys.addAll(found.getBinaryData() == null ? Set.of() : found.getBinaryData().keySet());
            });
            return map.map(found -> keys);
        }
        Optional<Secret> secret = build.named(Secret.class, name);
        secret.ifPresent(found -> {
            keys.addAll(found.getData() == null ? Set.of() : found.getData().keySet());
            keys.addAll(found.getStringData() == null ? Set.of() : found.getStringData().keySet());
        });
        return secret.map(found -> keys);
    }

    /**
     * The objects docs/operations.md says exist before the prod overlay is applied: the rows
     * {@code | `name` | Secret | `key`, `key` | …} of its "Deploying on Kubernetes" section.
     */
    private static Map<String, Set<String>> documentedExternalObjects() {
        String docs;
        try {
            docs = Files.readString(ROOT.resolve("docs/operations.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = docs.indexOf("\n## Deploying on Kubernetes");
        assertThat(start).as("docs/operations.md section \"Deploying on Kubernetes\"").isNotNegative();
        int end = docs.indexOf("\n## ", start + 1);
        String section = docs.substring(start, end < 0 ? docs.length() : end);
        Map<String, Set<String>> objects = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `([^`]+)` \\| (Secret|ConfigMap) \\| ([^|]*)\\|", Pattern.MULTILINE);
        Matcher matcher = row.matcher(section);
        while (matcher.find()) {
            Set<String> keys = new TreeSet<>();
            Matcher key = Pattern.compile("`([^`]+)`").matcher(matcher.group(3));
            while (key.find()) {
                keys.add(key.group(1));
            }
            objects.put(matcher.group(2) + " " + matcher.group(1), keys);
        }
        return objects;
    }

    private static Container app(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(Container::getName).as(describe(deployment) + " containers").containsExactly("app");
        return containers.get(0);
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    /** Names set in the container's environment: its own variables and every key of the ConfigMaps and Secrets it imports. */
    private static Set<String> environmentNames(KubernetesManifests build, Container container) {
        Set<String> names = new TreeSet<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            String prefix = Objects.requireNonNullElse(source.getPrefix(), "");
            String kind = source.getConfigMapRef() != null ? "ConfigMap" : "Secret";
            String name = source.getConfigMapRef() != null ? source.getConfigMapRef().getName() : source.getSecretRef().getName();
            Set<String> keys = keysOf(build, kind, name).orElseThrow(() -> new AssertionError(
                    "envFrom " + kind + " " + name + " is not in " + build.origin() + ": its variables cannot be checked"));
            keys.forEach(key -> names.add(prefix + key));
        }
        container.getEnv().forEach(env -> names.add(env.getName()));
        return names;
    }

    /** The container's variables whose values are in the build (ConfigMaps imported, literal values), later wins. */
    private static Map<String, String> literalEnvironment(KubernetesManifests build, Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                String prefix = Objects.requireNonNullElse(source.getPrefix(), "");
                build.named(ConfigMap.class, source.getConfigMapRef().getName())
                        .ifPresent(map -> map.getData().forEach((key, value) -> env.put(prefix + key, value)));
            }
        }
        container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .forEach(variable -> env.put(variable.getName(), variable.getValue()));
        return env;
    }

    private static void assertProbe(ServiceSettings settings, Container app, String kind, Probe probe, String path) {
        assertThat(probe).as(settings.name() + " " + kind).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(settings.name() + " " + kind + " httpGet").isNotNull();
        assertThat(get.getPath()).as(settings.name() + " " + kind + " path").isEqualTo(path);
        assertThat(containerPort(app, get.getPort())).as(settings.name() + " " + kind + " port").isEqualTo(settings.httpPort());
    }

    /** A port by number, or by the name of one of the container's ports. */
    private static Integer containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(candidate -> port.getStrVal().equals(candidate.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    private static boolean writableTmp(PodSpec pod, Container container) {
        Optional<VolumeMount> tmp = container.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals("/tmp") && !Boolean.TRUE.equals(mount.getReadOnly())).findFirst();
        return tmp.flatMap(mount -> pod.getVolumes().stream().filter(volume -> volume.getName().equals(mount.getName())).findFirst())
                .map(volume -> volume.getEmptyDir() != null).orElse(false);
    }

    private static int maxRamPercentage(String javaToolOptions) {
        if (javaToolOptions == null) {
            return JVM_DEFAULT_MAX_RAM_PERCENTAGE;
        }
        assertThat(javaToolOptions).as("JAVA_TOOL_OPTIONS (a fixed heap ignores the memory limit)").doesNotContain("-Xmx");
        Matcher matcher = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(javaToolOptions);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : JVM_DEFAULT_MAX_RAM_PERCENTAGE;
    }

    /** A Quarkus duration: ISO-8601 ({@code PT20S}) or a number with a unit ({@code 20s}, {@code 500ms}); a bare number is seconds. */
    private static Duration quarkusDuration(String value) {
        String text = value.trim();
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(text);
        assertThat(matcher.matches()).as("a duration: " + value).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        return switch (Objects.requireNonNullElse(matcher.group(2), "s")) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static int surgePods(IntOrString surge, int replicas) {
        if (surge == null) {
            return (int) Math.ceil(replicas * 0.25); // the Deployment default, 25 %
        }
        if (surge.getIntVal() != null) {
            return surge.getIntVal();
        }
        int percent = Integer.parseInt(surge.getStrVal().replace("%", ""));
        return (int) Math.ceil(replicas * percent / 100.0);
    }

    /** Partitions per topic name in the Strimzi example. */
    private static Map<String, Integer> topicPartitions() {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (GenericKubernetesResource topic : example("strimzi").generic()) {
            if (topic.getKind().equals("KafkaTopic")) {
                String name = Objects.requireNonNullElse(topic.get("spec", "topicName"), topic.getMetadata().getName());
                partitions.put(name, ((Number) topic.get("spec", "partitions")).intValue());
            }
        }
        return partitions;
    }

    /**
     * The topics a service reads in its consumer group (its application.properties): instances share
     * their partitions. A channel with a group of its own per instance (routing's live stream) reads
     * every partition in every instance and is not bounded by them.
     */
    private static Set<String> consumedTopics(String service) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern connector = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");
        Set<String> topics = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher matcher = connector.matcher(key);
            if (matcher.matches()) {
                String channel = "mp.messaging.incoming." + matcher.group(1);
                if (properties.getProperty(channel + ".group.id") == null) {
                    topics.add(properties.getProperty(channel + ".topic", matcher.group(1)));
                }
            }
        }
        assertThat(topics).as(service + " consumes topics").isNotEmpty();
        return topics;
    }

    private static String decoded(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        // MIME: a long value (a PEM file) may come wrapped over lines.
        return new String(java.util.Base64.getMimeDecoder().decode(secret.getData().get(key)), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String projectVersion() {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            var pom = factory.newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
            var children = pom.getDocumentElement().getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i).getNodeName().equals("version")) {
                    return children.item(i).getTextContent().trim();
                }
            }
            throw new IllegalStateException("pom.xml has no version");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the project version from pom.xml", e);
        }
    }

    private static Set<String> names(List<? extends HasMetadata> objects) {
        Set<String> names = new TreeSet<>();
        objects.forEach(object -> names.add(object.getMetadata().getName()));
        return names;
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }
}
