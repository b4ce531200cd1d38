package townhall.brand;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import townhall.web.ImageType;
import java.util.regex.Pattern;
import townhall.web.InvalidInput;

/**
 * The uploaded brand images (logo, favicon): an upload checked and named by the SHA-256 of its bytes
 * ({@code <sha-256>.png}), and a stored image found again by that name.
 */
final class BrandImages {
    /** What a brand may upload as its logo or favicon. */
    private static final Set<ImageType> ACCEPTED = EnumSet.of(ImageType.PNG, ImageType.JPEG, ImageType.WEBP);

    private static final Pattern STORED_FILE = Pattern.compile("[0-9a-f]{64}\\.(png|jpg|webp)");

    private final BrandStore store;

    BrandImages(BrandStore store) {
        this.store = store;
    }

    /** An upload that passed the checks, ready to store under its hash. */
    record StoredImage(String hash, ImageType type, byte[] bytes) {
        String name() { return hash + "." + type.extension(); }
    }

    /** The image a setting names, with its site path; null for none (or a name that is not an image's). */
    static Brand.Image fromSetting(String stored) {
        if (stored == null || !STORED_FILE.matcher(stored).matches()) {
            return null;
        }
        String extension = stored.substring(stored.indexOf('.') + 1);
        return ImageType.fromExtension(extension)
                .map(type -> new Brand.Image("/brand/files/" + stored, type.contentType()))
                .orElse(null);
    }

    /** An uploaded brand image by its public name ({@code <sha-256>.png}). */
    Optional<BrandStore.StoredFile> file(String name) {
        if (!STORED_FILE.matcher(name).matches()) {
            return Optional.empty();
        }
        String hash = name.substring(0, 64);
        ImageType type = ImageType.fromExtension(name.substring(65)).orElseThrow();
        return store.file(hash).filter(file -> file.contentType().equals(type.contentType()));
    }

    /** The upload ready to store; null when no file was chosen or it is refused (the refusal is in {@code errors}). */
    static StoredImage check(InvalidInput.Collector errors, String field, String what, BrandService.Upload upload,
                             int maxBytes) {
        if (upload == null || !upload.chosen()) {
            return null;
        }
        if (upload.bytes().length > maxBytes) {
            errors.add(field, "brand.error.image.large", "image", what, "max", BrandFormValidator.kilobytes(maxBytes));
            return null;
        }
        Optional<ImageType> type = ImageType.sniff(upload.bytes()).filter(ACCEPTED::contains);
        if (type.isEmpty()) {
            boolean svg = upload.filename().toLowerCase(Locale.ROOT).endsWith(".svg")
                    || new String(upload.bytes(), 0, Math.min(upload.bytes().length, 512), StandardCharsets.UTF_8)
                    .contains("<svg");
            errors.add(field, svg ? "brand.error.image.svg" : "brand.error.image.type", "image", what);
            return null;
        }
        return new StoredImage(sha256(upload.bytes()), type.get(), upload.bytes());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
