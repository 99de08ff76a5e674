package io.exdesk.testkit;

import java.nio.file.Path;

/** A JVM that starts both servers, prints their process ids and waits to be killed. */
public final class OrphanProbe {

    private OrphanProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        PostgresServer postgres = PostgresServer.embedded(dir.resolve("postgres"), 0, false);
        KafkaBroker kafka = new KafkaBroker(dir.resolve("kafka"), 0, 1).start();
        System.out.println("PIDS " + postgres.pid().orElseThrow() + " " + kafka.pid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
