package io.exdesk.events;

/** Shared invariant checks of the payload records; package-private so it is not part of the contract. */
final class Checks {

    private Checks() {
    }

    static long version(long value, String name) {
        // Versions start at 1 on creation; 0 or less means the producer never stamped the fact.
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1 but was " + value);
        }
        return value;
    }

    static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
        return value;
    }

    static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
        return value;
    }

    static double fraction(double value, String name) {
        // Written as a negated range so NaN is rejected too.
        if (!(value > 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " must be in (0, 1) but was " + value);
        }
        return value;
    }
}
