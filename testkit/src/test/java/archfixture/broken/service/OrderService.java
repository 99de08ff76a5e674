package archfixture.broken.service;

import archfixture.broken.rest.OrderRequest;

/** Breaks "service never imports rest". */
public class OrderService {

    public long create(OrderRequest request) {
        return request.cents();
    }
}
