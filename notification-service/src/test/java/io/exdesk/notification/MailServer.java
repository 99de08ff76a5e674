package io.exdesk.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.exdesk.testkit.FreePorts;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) on loopback that tests can stop and start to make e-mail fail. */
public final class MailServer {

    private static MailServer instance;

    private final int port = FreePorts.next();
    private GreenMail greenMail;

    private MailServer() {
        start();
    }

    public static synchronized MailServer get() {
        if (instance == null) {
            instance = new MailServer();
        }
        return instance;
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public synchronized void stop() {
        greenMail.stop();
        greenMail = null;
    }

    public synchronized void startIfStopped() {
        if (greenMail == null) {
            start();
        }
    }

    /** Messages received since the server last started, addressed to {@code address}. */
    public synchronized List<MimeMessage> to(String address) {
        if (greenMail == null) {
            return List.of();
        }
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                Address[] recipients = message.getAllRecipients();
                return recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().contains(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The decoded text of every part of type {@code mimeType} (e.g. text/plain, text/html) of a message. */
    public static String part(Part part, String mimeType) {
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    text.append(part(multipart.getBodyPart(i), mimeType));
                }
                return text.toString();
            }
            return part.isMimeType(mimeType) ? part.getContent().toString() : "";
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
