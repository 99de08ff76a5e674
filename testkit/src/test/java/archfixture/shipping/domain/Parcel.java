package archfixture.shipping.domain;

/** Another service's entity, which billing must not touch. */
public record Parcel(String id) {
}
