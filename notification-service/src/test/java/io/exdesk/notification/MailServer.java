package io.exdesk.notification;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.exdesk.testkit.FreePorts;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
        greenMail = smtpServer(port);
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

    /**
     * GreenMail with TCP_NODELAY on its SMTP connections. GreenMail writes a reply line in two
     * writes; with Nagle's algorithm the second waits for the client's delayed ACK (~40 ms), about
     * 190 ms per message over loopback, which would make the SMTP server, not the sender, the thing measured.
     */
    static GreenMail smtpServer(int port) {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)) {
            @Override
            protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
                Map<String, AbstractServer> services = super.createServices(setups, managers);
                services.put(ServerSetup.PROTOCOL_SMTP, new SmtpServer(setups[0], managers) {
                    @Override
                    protected ProtocolHandler createProtocolHandler(Socket socket) {
                        try {
                            socket.setTcpNoDelay(true);
                        } catch (SocketException e) {
                            throw new IllegalStateException(e);
                        }
                        return super.createProtocolHandler(socket);
                    }
                });
                return services;
            }
        };
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
