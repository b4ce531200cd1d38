package townhall.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a consistent backup of the database while Townhall runs: an SQL dump made by mariadb-dump in one
 * transaction (--single-transaction), gzip'd when the file name ends in .gz. The database is everything
 * Townhall keeps (brand images, avatars and mail are tables; the search index is rebuilt from it).
 */
public final class Backup {
    private Backup() {}

    /** Writes the backup to {@code file} (first to a temporary file beside it, then moved into place); returns its size. */
    public static long write(DatabaseTarget target, Path file) {
        Path absolute = file.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        Path errors = null;
        try {
            Files.createDirectories(absolute.getParent());
            errors = Files.createTempFile("townhall-backup", ".err");
            List<String> command = target.command("mariadb-dump");
            command.addAll(List.of("--single-transaction", "--routines", "--triggers", "--events", "--hex-blob",
                    "--quick", "--skip-lock-tables", target.database()));
            Process dump = target.start(command, ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.PIPE, errors);
            dump.getOutputStream().close();
            try (InputStream in = dump.getInputStream();
                 OutputStream out = open(partial, file.getFileName().toString().endsWith(".gz"))) {
                in.transferTo(out);
            }
            int exit = dump.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("mariadb-dump failed (exit " + exit + "): " + Files.readString(errors).trim());
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(absolute);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the backup " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing the backup " + file, e);
        } finally {
            deleteQuietly(partial);
            deleteQuietly(errors);
        }
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return gzip ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }
}
