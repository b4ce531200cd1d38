package townhall.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Restores a backup (gzip'd or plain SQL) into an empty database with the mariadb client. It refuses a database
 * that holds any table, so it never mixes a backup with another site's data.
 */
public final class Restore {
    private Restore() {}

    /** Loads the backup into the target's database; returns how many tables it now has. */
    public static int load(DatabaseTarget target, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("There is no backup file " + file);
        }
        List<String> existing = target.tables();
        if (!existing.isEmpty()) {
            throw new IllegalStateException("The database " + target.describe() + " is not empty (" + existing.size()
                    + " tables, such as " + existing.getFirst() + "); restore only into an empty database: a new "
                    + "data folder for the embedded one, or a newly created external database");
        }
        Path errors = null;
        try {
            errors = Files.createTempFile("townhall-restore", ".err");
            List<String> command = target.command("mariadb");
            command.add("--batch");
            command.add(target.database());
            Process client = target.start(command, ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.DISCARD, errors);
            try (InputStream in = open(file); OutputStream out = client.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                if (client.isAlive()) {
                    throw e;
                } // else the client stopped reading: its exit status and message tell why
            }
            int exit = client.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("mariadb failed (exit " + exit + "): " + Files.readString(errors).trim());
            }
            return target.tables().size();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot restore the backup " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restoring " + file, e);
        } finally {
            Backup.deleteQuietly(errors);
        }
    }

    /** The file's SQL: gunzipped when it starts with gzip's magic bytes. */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
