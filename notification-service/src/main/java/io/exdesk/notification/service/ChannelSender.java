package io.exdesk.notification.service;

import io.exdesk.notification.domain.Delivery;
import io.exdesk.notification.domain.DeliveryChannel;

/** Sends one delivery over its channel; blocking, called from the channel's worker pool. */
public interface ChannelSender {

    DeliveryChannel channel();

    void send(Delivery delivery) throws DeliveryFailure;
}
