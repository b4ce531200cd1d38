package townhall.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network between Townhall and the real test MariaDB, as a TCP relay that a test can cut (the database is gone:
 * connections drop and new ones are closed at once) or freeze (the database stalls: bytes stop flowing, as when
 * its host hangs), and heal again.
 */
public final class DatabaseLink implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("^(jdbc:mariadb://[^:/]+):(\\d+)(/.*)$");

    private enum State { UP, CUT, FROZEN }

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object flow = new Object();
    private volatile State state = State.UP;
    private ServerSocket listener;
    private int targetPort;

    /** Starts relaying to the database of the JDBC URL; returns the URL that goes through this link. */
    public String route(String jdbcUrl) {
        Matcher url = PORT.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("Not a MariaDB URL with a port: " + jdbcUrl);
        }
        targetPort = Integer.parseInt(url.group(2));
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("database-link").start(this::accept);
        return url.group(1) + ":" + listener.getLocalPort() + url.group(3);
    }

    /** The database is gone: open connections break, new ones are closed as soon as they are made. */
    public void cut() {
        state = State.CUT;
        sockets.forEach(DatabaseLink::closeQuietly);
        sockets.clear();
    }

    /** The database stalls: nothing flows either way, and new connections wait, until {@link #heal}. */
    public void freeze() {
        state = State.FROZEN;
    }

    public void heal() {
        synchronized (flow) {
            state = State.UP;
            flow.notifyAll();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (state == State.CUT) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException closed) {
                // the listener closed, or the database refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                awaitFlow();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // one side closed or the link was cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitFlow() throws InterruptedException, IOException {
        synchronized (flow) {
            while (state == State.FROZEN) {
                flow.wait();
            }
        }
        if (state == State.CUT) {
            throw new IOException("cut");
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        heal();
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(DatabaseLink::closeQuietly);
    }
}
