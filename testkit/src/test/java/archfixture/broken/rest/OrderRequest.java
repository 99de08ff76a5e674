package archfixture.broken.rest;

/** A REST DTO the broken use case wrongly takes. */
public record OrderRequest(long cents) {
}
