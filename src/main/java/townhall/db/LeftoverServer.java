package townhall.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mariadbd left running on a data folder by a Townhall that died without stopping it (kill -9, a crash): it
 * holds the folder's locks, so a new server on the folder cannot start until it is gone.
 */
final class LeftoverServer {
    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);

    private LeftoverServer() {}

    /** The mariadbd processes started with exactly this data folder; never one on another folder. */
    static List<ProcessHandle> find(Path dataDir) {
        String argument = "--datadir=" + canonical(dataDir);
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .filter(process -> isMariaDbOn(process.info(), argument))
                .toList();
    }

    private static boolean isMariaDbOn(ProcessHandle.Info info, String dataDirArgument) {
        boolean mariadbd = info.command().map(command -> command.endsWith("/mariadbd") || command.endsWith("/mysqld"))
                .orElse(false);
        return mariadbd && info.arguments().map(List::of).orElse(List.of()).contains(dataDirArgument);
    }

    /**
     * Ends every leftover server of the folder: SIGTERM, and SIGKILL if it is still there after the wait. A server
     * whose parent is still a running JVM belongs to a live Townhall: that one is refused, never stopped.
     */
    static void endAll(Path dataDir, long waitSeconds) {
        List<ProcessHandle> servers = find(dataDir);
        for (ProcessHandle server : servers) {
            server.parent().filter(LeftoverServer::isJvm).ifPresent(owner -> {
                throw new IllegalStateException("Townhall (pid " + owner.pid() + ") is running on the embedded "
                        + "database in " + dataDir + "; stop it first, or do this with the running Townhall");
            });
        }
        for (ProcessHandle leftover : servers) {
            log.warn("A MariaDB server (pid {}) is still running on {}, left by a Townhall that did not stop it; "
                    + "stopping it before starting a new one", leftover.pid(), dataDir);
            end(leftover, waitSeconds);
        }
    }

    private static void end(ProcessHandle leftover, long waitSeconds) {
        leftover.destroy();
        try {
            leftover.onExit().get(waitSeconds, TimeUnit.SECONDS);
            log.warn("The leftover MariaDB server (pid {}) has stopped", leftover.pid());
        } catch (TimeoutException e) {
            log.warn("The leftover MariaDB server (pid {}) did not shut down in {} s; killing it", leftover.pid(),
                    waitSeconds);
            leftover.destroyForcibly();
            leftover.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the leftover MariaDB server to stop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not wait for the leftover MariaDB server to stop", e);
        }
    }

    private static boolean isJvm(ProcessHandle process) {
        return process.isAlive() && process.info().command().map(command -> command.endsWith("/java")).orElse(false);
    }

    private static Path canonical(Path dir) {
        try {
            return dir.toFile().getCanonicalFile().toPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
