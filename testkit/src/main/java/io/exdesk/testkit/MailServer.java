package io.exdesk.testkit;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real SMTP server (GreenMail) on loopback: the one the notification tests send to (they stop and
 * start it to make e-mail fail), the one the notification benchmark times arrivals at, and the local run's
 * mail catcher ({@link LocalInbox}).
 */
public final class MailServer {

    private static MailServer shared;

    private final int port;
    private GreenMail greenMail;

    private MailServer(int port) {
        this.port = port;
        start();
    }

    /** The server every test class of this JVM shares, on a free port. */
    public static synchronized MailServer get() {
        if (shared == null) {
            shared = new MailServer(FreePorts.next());
        }
        return shared;
    }

    /** A server of its own on {@code port}, e.g. 1025, where a locally run service sends by default. */
    public static MailServer on(int port) {
        return new MailServer(port);
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
    private static GreenMail smtpServer(int port) {
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

    /**
     * Calls {@code listener} with every message delivered to {@code address} from now on, on the
     * server's thread, as it arrives (while this server runs).
     */
    public synchronized void onArrival(String address, Consumer<MimeMessage> listener) {
        GreenMailUser user = greenMail.setUser(address, address, "unused");
        MailFolder inbox;
        try {
            inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
        } catch (FolderException e) {
            throw new IllegalStateException("No inbox for " + address, e);
        }
        inbox.addListener(new FolderListener() {
            @Override
            public void added(int msn) {
                try {
                    long uid = inbox.getMessageUids()[msn - 1];
                    listener.accept(inbox.getMessage(uid).getMimeMessage());
                } catch (Exception e) {
                    System.err.println("Unreadable message to " + address + ": " + e);
                }
            }

            @Override
            public void expunged(int msn) {
            }

            @Override
            public void flagsUpdated(int msn, Flags flags, Long uid) {
            }

            @Override
            public void mailboxDeleted() {
            }
        });
    }

    /** Every message received since the server last started. */
    public synchronized List<MimeMessage> all() {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
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
