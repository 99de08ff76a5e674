package archfixture.broken.messaging;

import archfixture.shipping.domain.Parcel;

/** Breaks "no service imports another service". */
public class OrderEvents {

    public String parcelOf(Parcel parcel) {
        return parcel.id();
    }
}
