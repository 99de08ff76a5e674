package archfixture.billing.domain;

/** A well-placed entity. */
public record Invoice(String id, long cents) {
}
