package io.exdesk.ticket.rest;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A ticket's transaction details name a ticker, a known network and a transaction id of that
 * network's shape ({@link CryptoValidator}); each wrong field is its own violation, named
 * {@code crypto.asset}, {@code crypto.network} or {@code crypto.txId}.
 */
@Documented
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = CryptoValidator.class)
public @interface ValidCrypto {

    String message() default "invalid transaction details";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
