package townhall.qa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A page kept by the {@link PageCache}: its UTF-8 bytes, cut where each visitor's CSRF token goes, each piece
 * compressed. A 15 KB question page keeps in about 4.5 KB, so the cache holds three times as many; serving one
 * inflates it in tens of microseconds, against a millisecond or more to render it again.
 *
 * <p>Each piece is a run of deflate blocks ending on a byte boundary (a full flush, not a final block), so the pieces
 * and the token, as an uncompressed block between them, make one deflate stream: a browser that takes gzip gets the
 * kept bytes themselves, and serving compresses nothing.
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

    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A last, empty, uncompressed deflate block: it ends the stream the pieces began. */
    private static final byte[] LAST_BLOCK = {1, 0, 0, (byte) 0xff, (byte) 0xff};

    /** The page as {@link #withToken} gives it, as a gzip body (RFC 1952) made of the kept pieces. */
    byte[] gzippedWithToken(String token) {
        byte[] plain = withToken(token); // the gzip trailer needs the page's checksum and length
        CRC32 crc = new CRC32();
        crc.update(plain);
        byte[] tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
        byte[] gzip = new byte[GZIP_HEADER.length + storedSize + (partSizes.length - 1) * (5 + tokenBytes.length)
                + LAST_BLOCK.length + 8];
        int at = put(gzip, 0, GZIP_HEADER);
        for (int i = 0; i < partSizes.length; i++) {
            if (i > 0) { // an uncompressed block, not the last: a header byte, the length, its complement, the bytes
                gzip[at++] = 0;
                at = putShort(gzip, at, tokenBytes.length);
                at = putShort(gzip, at, ~tokenBytes.length);
                at = put(gzip, at, tokenBytes);
            }
            at = put(gzip, at, compressedParts.get(i));
        }
        at = put(gzip, at, LAST_BLOCK);
        at = putShort(gzip, at, (int) crc.getValue());
        at = putShort(gzip, at, (int) (crc.getValue() >>> 16));
        at = putShort(gzip, at, plain.length);
        putShort(gzip, at, plain.length >>> 16);
        return gzip;
    }

    private static int put(byte[] into, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
    }

    /** Two bytes, least significant first. */
    private static int putShort(byte[] into, int at, int value) {
        into[at] = (byte) value;
        into[at + 1] = (byte) (value >>> 8);
        return at + 2;
    }

    /** Compresses to deflate blocks that end on a byte boundary, none of them marked last. */
    private static byte[] deflate(Deflater deflater, byte[] bytes) {
        deflater.reset();
        deflater.setInput(bytes);
        byte[] out = new byte[bytes.length / 2 + 64];
        int length = 0;
        while (true) {
            int written = deflater.deflate(out, length, out.length - length, Deflater.FULL_FLUSH);
            length += written;
            if (length < out.length) {
                return Arrays.copyOf(out, length); // room was left: the flush is complete
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
    }
}
