package townhall.profile;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import townhall.web.ImageType;

/**
 * Avatars: an upload recognised by its first bytes (never by its name or the type the browser claims), decoded,
 * cut to a centred square, scaled to {@value #SIZE} pixels and written anew as PNG by the JDK's ImageIO, so
 * nothing of the original file (EXIF, GPS position, comments, a second payload) survives; and, for a member without
 * one, a generated avatar: the initial on a colour of its own.
 */
final class Avatars {
    static final int SIZE = 256;
    static final int MAX_BYTES = 2 * 1024 * 1024;
    /** Larger pictures are refused before decoding: a small file can declare a huge canvas. */
    static final long MAX_PIXELS = 50_000_000L;

    private Avatars() {}

    /** Why an upload cannot become an avatar: a message key of {@code profile.settings.error.avatar.*}. */
    static final class Refused extends Exception {
        private final String key;

        Refused(String key) {
            super(key, null, false, false);
            this.key = key;
        }

        String key() { return key; }
    }

    /** The upload as a {@value #SIZE}x{@value #SIZE} PNG without metadata. */
    static byte[] toPng(byte[] upload) throws Refused {
        if (upload.length > MAX_BYTES) {
            throw new Refused("profile.settings.error.avatar.large");
        }
        String format = ImageType.sniff(upload).map(ImageType::imageIoFormat) // every type is accepted
                .orElseThrow(() -> new Refused("profile.settings.error.avatar.type"));
        BufferedImage decoded = decode(upload, format);
        return encodePng(coverSquare(decoded));
    }

    /** Decodes with the reader of the sniffed format only, reading no metadata, shrinking a large picture while reading. */
    private static BufferedImage decode(byte[] upload, String format) throws Refused {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new Refused("profile.settings.error.avatar.unreadable");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                throw new Refused("profile.settings.error.avatar.unreadable");
            }
            // read every n-th pixel of a large picture: the result still has at least twice the avatar's size
            int step = Math.max(1, Math.min(width, height) / (2 * SIZE));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw new Refused("profile.settings.error.avatar.unreadable");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            // a damaged or unsupported file (a CMYK JPEG, a truncated PNG): the member is told it cannot be read
            throw new Refused("profile.settings.error.avatar.unreadable");
        } finally {
            reader.dispose();
        }
    }

    /** Scales the picture to cover the square and cuts off what stands out on the longer side, keeping the centre. */
    static BufferedImage coverSquare(BufferedImage source) {
        int side = Math.min(source.getWidth(), source.getHeight());
        BufferedImage image = source.getSubimage((source.getWidth() - side) / 2, (source.getHeight() - side) / 2,
                side, side);
        // halve step by step while far larger: one bilinear step from a large picture would alias
        while (image.getWidth() >= 2 * SIZE) {
            image = scaled(image, image.getWidth() / 2);
        }
        return scaled(image, SIZE);
    }

    private static BufferedImage scaled(BufferedImage source, int size) {
        BufferedImage target = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(source, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The generated avatar: the first letter of the name, upper-cased, on a colour taken from a hash of the
     * username, so a member keeps the same colour whatever name they show. White on a dark shade of any hue
     * keeps large text readable.
     */
    static String generatedSvg(String username, String shownName) {
        String name = shownName == null || shownName.isBlank() ? username : shownName.strip();
        String initial = name.isEmpty() ? "?" : new String(Character.toChars(name.codePointAt(0))).toUpperCase(Locale.ROOT);
        CRC32 crc = new CRC32();
        crc.update(username.getBytes(StandardCharsets.UTF_8));
        long hue = crc.getValue() % 360;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + SIZE + "\" height=\"" + SIZE + "\" viewBox=\"0 0 "
                + SIZE + " " + SIZE + "\"><rect width=\"" + SIZE + "\" height=\"" + SIZE + "\" fill=\"hsl(" + hue
                + ", 55%, 32%)\"/><text x=\"50%\" y=\"50%\" dy=\"0.35em\" text-anchor=\"middle\""
                + " font-family=\"system-ui, sans-serif\" font-size=\"128\" fill=\"#ffffff\">" + escapeXml(initial)
                + "</text></svg>";
    }

    static String escapeXml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
