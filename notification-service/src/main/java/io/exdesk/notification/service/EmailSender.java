package io.exdesk.notification.service;

import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.inject.Singleton;

/**
 * E-mail over SMTP with quarkus-mailer (server, TLS and credentials under {@code quarkus.mailer.*}),
 * as HTML with a plain-text alternative. The Message-ID is derived from the delivery id, so a
 * receiver can drop the copy a crash between send and commit may cause. An agent's reply to a customer
 * also carries {@code In-Reply-To} and {@code References}, so it lands in the customer's thread.
 */
@Singleton
public class EmailSender implements ChannelSender {

    private final Mailer mailer;

    public EmailSender(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.EMAIL;
    }

    @Override
    public void send(Delivery delivery) throws DeliveryFailure {
        Mail mail = Mail.withHtml(delivery.address, delivery.subject, delivery.bodyHtml)
                .setText(delivery.bodyText)
                .addHeader("Message-ID", messageId(delivery))
                .addHeader("Content-Language", delivery.language);
        if (delivery.mailInReplyTo != null) {
            mail.addHeader("In-Reply-To", delivery.mailInReplyTo);
        }
        if (delivery.mailReferences != null) {
            mail.addHeader("References", delivery.mailReferences);
        }
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            throw DeliveryFailure.retryable("SMTP: " + e.getMessage(), e);
        }
    }

    public static String messageId(Delivery delivery) {
        return "<" + delivery.id + "@notification.exdesk>";
    }
}
