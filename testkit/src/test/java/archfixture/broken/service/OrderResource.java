package archfixture.broken.service;

import jakarta.ws.rs.Path;

/** Breaks "JAX-RS resources live in rest". */
@Path("/orders")
public class OrderResource {
}
