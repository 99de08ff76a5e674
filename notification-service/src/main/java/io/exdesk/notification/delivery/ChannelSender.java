package io.exdesk.notification.delivery;

/** Sends one delivery over its channel; blocking, called from the channel's worker pool. */
public interface ChannelSender {

    DeliveryChannel channel();

    void send(Delivery delivery) throws DeliveryFailure;
}
