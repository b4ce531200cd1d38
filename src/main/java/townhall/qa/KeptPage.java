package townhall.qa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A page kept by the {@link PageCache}: its UTF-8 bytes, cut where each visitor's CSRF token goes, each piece
 * compressed. A 15 KB question page keeps in about 4.5 KB, so the cache holds three times as many; serving one
 * inflates it in tens of microseconds, against a millisecond or more to render it again.
 */
final class KeptPage {
    private final List<byte[]> compressedParts;
    private final int[] partSizes;
    private final int size;
    private final int storedSize;
    private final long keptAt;

    private KeptPage(List<byte[]> compressedParts, int[] partSizes, long keptAt) {
        this.compressedParts = compressedParts;
        this.partSizes = partSizes;
        this.keptAt = keptAt;
        int bytes = 0;
        int stored = 0;
        for (int i = 0; i < partSizes.length; i++) {
            bytes += partSizes[i];
            stored += compressedParts.get(i).length;
        }
        this.size = bytes;
        this.storedSize = stored;
    }

    /** The page {@code html} as rendered for the visitor whose CSRF token is {@code token}. */
    static KeptPage of(String html, String token, long keptAt) {
        String[] parts = html.split(Pattern.quote(token), -1);
        List<byte[]> compressed = new ArrayList<>(parts.length);
        int[] sizes = new int[parts.length];
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            for (int i = 0; i < parts.length; i++) {
                byte[] bytes = parts[i].getBytes(StandardCharsets.UTF_8);
                sizes[i] = bytes.length;
                compressed.add(deflate(deflater, bytes));
            }
        } finally {
            deflater.end();
        }
        return new KeptPage(List.copyOf(compressed), sizes, keptAt);
    }

    long keptAt() {
        return keptAt;
    }

    /** The bytes it takes in memory. */
    int storedSize() {
        return storedSize;
    }

    /** The page as sent to a visitor whose CSRF token is {@code token}. */
    byte[] withToken(String token) {
        byte[] tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
        byte[] page = new byte[size + (partSizes.length - 1) * tokenBytes.length];
        Inflater inflater = new Inflater(true);
        try {
            int at = 0;
            for (int i = 0; i < partSizes.length; i++) {
                if (i > 0) {
                    System.arraycopy(tokenBytes, 0, page, at, tokenBytes.length);
                    at += tokenBytes.length;
                }
                inflater.reset();
                inflater.setInput(compressedParts.get(i));
                int filled = 0;
                while (filled < partSizes[i]) {
                    int n = inflater.inflate(page, at + filled, partSizes[i] - filled);
                    if (n == 0 && (inflater.finished() || inflater.needsInput())) {
                        throw new IllegalStateException("A kept page is shorter than when it was kept");
                    }
                    filled += n;
                }
                at += filled;
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("A kept page cannot be read back", e);
        } finally {
            inflater.end();
        }
        return page;
    }

    private static byte[] deflate(Deflater deflater, byte[] bytes) {
        deflater.reset();
        deflater.setInput(bytes);
        deflater.finish();
        byte[] out = new byte[bytes.length / 2 + 64];
        int length = 0;
        while (!deflater.finished()) {
            if (length == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            length += deflater.deflate(out, length, out.length - length);
        }
        return Arrays.copyOf(out, length);
    }
}
