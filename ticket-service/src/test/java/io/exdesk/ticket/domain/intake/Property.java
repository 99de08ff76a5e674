package io.exdesk.ticket.domain.intake;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property checks on the JUnit platform: a property is run on {@link #TRIES} cases drawn from a
 * seeded generator, and a failing case is reported with its seed, so that
 * {@code -Dexdesk.property.seed=<seed>} replays the run that found it. The default seed is fixed,
 * so CI runs are repeatable; {@code -Dexdesk.property.seed=random} draws a new one per run.
 *
 * <p>Not jqwik: its 1.10 releases ask not to be used by AI coding agents, which write much of this
 * project, and they are built on JUnit Platform 1.x while Quarkus 3.33 runs Platform 6. What the
 * properties need (seeded generation, many tries, a replayable failure) fits in this class.
 */
final class Property {

    static final int TRIES = Integer.getInteger("exdesk.property.tries", 400);

    private Property() {
    }

    static long seed() {
        String configured = System.getProperty("exdesk.property.seed", "20240517");
        return configured.equals("random") ? System.nanoTime() : Long.parseLong(configured);
    }

    /** Runs {@code property} on {@link #TRIES} cases from {@code generator}. */
    static <T> void forAll(Function<Random, T> generator, Consumer<T> property) {
        long seed = seed();
        Random random = new Random(seed);
        for (int i = 0; i < TRIES; i++) {
            T example = generator.apply(random);
            try {
                property.accept(example);
            } catch (AssertionError e) {
                throw new AssertionError("property failed on try " + (i + 1) + " of seed " + seed + " for: "
                        + example + "\n" + e.getMessage(), e);
            }
        }
    }

    static <T> T oneOf(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
