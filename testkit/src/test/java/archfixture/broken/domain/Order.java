package archfixture.broken.domain;

import archfixture.broken.messaging.OrderEvents;

/** Breaks "domain imports nothing of rest, service or messaging". */
public record Order(OrderEvents events) {
}
