package townhall.uploads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;

/**
 * Images in posts. An upload is sniffed by its bytes, held to its uploader's limits, re-encoded without metadata
 * ({@link ImageRecoder}) and kept under {@code <data dir>/uploads/} named by the SHA-256 of what was written: a file
 * never changes (so it is served with a year's immutable caching), the same image uploaded twice is kept once, and
 * the database holds only who uploaded what. Posts link it as {@code /uploads/<sha256>.<ext>}.
 */
public final class ImageUploads {
    /** The path under the site of a stored image: what the Markdown of a post links to. */
    public static final String PATH = "/uploads/";
    private static final Pattern FILE_NAME = Pattern.compile("[0-9a-f]{64}\\.(png|jpg)");

    private final Database database;
    private final UploadStore store;
    private final Privileges privileges;
    private final UploadLimits limits;
    private final Path folder;
    private final Clock clock;

    public ImageUploads(Database database, Privileges privileges, UploadLimits limits, Path folder, Clock clock) {
        this.database = database;
        this.store = new UploadStore(database.dsl());
        this.privileges = privileges;
        this.limits = limits;
        this.folder = folder;
        this.clock = clock;
    }

    /** A stored image: its file name (under {@link #PATH}) and the alt text for its Markdown. */
    public record Stored(String fileName, String alt, int width, int height) {
        /** The Markdown that shows it, for a site served under {@code prefix} ("" or "/community"). */
        public String markdown(String prefix) {
            return "![" + alt + "](" + prefix + PATH + fileName + ")";
        }
    }

    /**
     * Stores an upload for a member; {@code field} names the form field an error belongs to. Bad input is an
     * {@link InvalidInput} with a message that says what to do; nothing is written then.
     */
    public Stored store(Member member, String field, String originalName, byte[] bytes) {
        if (member == null || !privileges.mayUploadImages(member)) {
            throw new NotAllowed("uploads.denied");
        }
        UploadLimits.Applying applying = limits.of(privileges.isNewMember(member));
        if (bytes.length == 0) {
            throw InvalidInput.of(field, "uploads.error.empty");
        }
        if (bytes.length > applying.maxKb() * 1024L) {
            throw InvalidInput.of(field, "uploads.error.large", "max", applying.maxKb(), "name", shown(originalName));
        }
        Recoded image;
        try {
            image = ImageRecoder.recode(bytes, applying.maxSide());
        } catch (ImageRecoder.Refused refused) {
            Object[] args = new Object[refused.args.length + 2];
            System.arraycopy(refused.args, 0, args, 0, refused.args.length);
            args[refused.args.length] = "name";
            args[refused.args.length + 1] = shown(originalName);
            throw InvalidInput.of(field, refused.key, args);
        }
        String fileName = sha256(image.bytes()) + "." + image.extension();
        write(fileName, image.bytes());
        database.inTransaction(() -> store.insert(fileName, member.id(), image.bytes().length, image.width(),
                image.height(), LocalDateTime.now(clock)));
        return new Stored(fileName, altText(originalName), image.width(), image.height());
    }

    /** A stored image's file, if the name is one Townhall gives and the file is there. */
    public Optional<Path> file(String fileName) {
        if (!FILE_NAME.matcher(fileName).matches()) {
            return Optional.empty();
        }
        Path file = pathOf(fileName);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    public static String contentType(String fileName) {
        return fileName.endsWith(".png") ? "image/png" : "image/jpeg";
    }

    /** Written once under its hash, through a temporary file, so a reader never sees half an image. */
    private void write(String fileName, byte[] bytes) {
        Path target = pathOf(fileName);
        if (Files.isRegularFile(target)) {
            return; // the same image, uploaded before
        }
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), "upload", ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store an uploaded image under " + folder, e);
        }
    }

    private Path pathOf(String fileName) {
        return folder.resolve(fileName.substring(0, 2)).resolve(fileName);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's name without its extension, as words: what a screen reader says until the author writes better. */
    static String altText(String originalName) {
        String name = originalName == null ? "" : originalName.replaceAll("^.*[/\\\\]", "");
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        String words = name.replaceAll("[^\\p{L}\\p{N} ]+", " ").strip().replaceAll(" +", " ");
        if (words.length() > 80) {
            words = words.substring(0, 80).strip();
        }
        return words.isEmpty() ? "image" : words;
    }

    private static String shown(String originalName) {
        String name = originalName == null ? "" : originalName.replaceAll("^.*[/\\\\]", "");
        return name.length() > 80 ? name.substring(0, 80) : name;
    }
}
