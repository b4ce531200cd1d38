package townhall.theme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fingerprinted static file names: {@code css/site.css} is served as {@code css/site.1a2b3c4d.css}, so
 * it can be cached for a year and a changed file gets a new name.
 */
public final class Assets {
    private static final Pattern FINGERPRINTED = Pattern.compile("(.*)\\.([0-9a-f]{10})(\\.[A-Za-z0-9]+)$");

    private final Theme theme;
    private final boolean reloading;
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();

    public Assets(Theme theme, boolean reloading) {
        this.theme = theme;
        this.reloading = reloading;
    }

    /** The public name of a static file, with its fingerprint; the plain name when the file is missing. */
    public String fingerprinted(String relativePath) {
        Optional<String> fingerprint = fingerprint(relativePath);
        if (fingerprint.isEmpty()) {
            return relativePath;
        }
        int dot = relativePath.lastIndexOf('.');
        int slash = relativePath.lastIndexOf('/');
        if (dot <= slash) {
            return relativePath + "." + fingerprint.get();
        }
        return relativePath.substring(0, dot) + "." + fingerprint.get() + relativePath.substring(dot);
    }

    /** Resolves a requested name to the file; {@code immutable} tells whether its fingerprint is current. */
    public Optional<Resolved> resolve(String requested) {
        Matcher matcher = FINGERPRINTED.matcher(requested);
        if (matcher.matches()) {
            String plain = matcher.group(1) + matcher.group(3);
            Optional<Path> file = theme.staticFile(plain);
            boolean current = fingerprint(plain).map(matcher.group(2)::equals).orElse(false);
            return file.map(path -> new Resolved(path, current));
        }
        return theme.staticFile(requested).map(path -> new Resolved(path, false));
    }

    private Optional<String> fingerprint(String relativePath) {
        if (!reloading) {
            String known = fingerprints.get(relativePath);
            if (known != null) {
                return Optional.of(known);
            }
        }
        Optional<String> computed = theme.staticFile(relativePath).map(Assets::digest);
        computed.ifPresent(value -> fingerprints.put(relativePath, value));
        return computed;
    }

    private static String digest(Path file) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(hash).substring(0, 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Resolved(Path file, boolean immutable) {}
}
