package townhall.uploads;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import townhall.web.ImageType;

/**
 * Decodes an upload with the reader of the format its bytes show (never its name) and writes the pixels anew with
 * the JDK's ImageIO, so that nothing of the original file survives: no EXIF (camera, GPS position), no comments,
 * no second payload. PNG stays PNG; JPEG stays JPEG (quality 0.9); GIF (its first frame) and WebP (ImageIO has no
 * WebP writer) become PNG. The size is checked from the header, before the pixels are decoded.
 */
final class ImageRecoder {
    private static final float JPEG_QUALITY = 0.9f;

    /** Why an upload is refused: a message key of {@code uploads.error.*} and its arguments. */
    static final class Refused extends Exception {
        final String key;
        final Object[] args;

        Refused(String key, Object... args) {
            super(key, null, false, false);
            this.key = key;
            this.args = args;
        }
    }

    private ImageRecoder() {}

    static Recoded recode(byte[] upload, int maxSide) throws Refused {
        ImageType type = ImageType.sniff(upload).orElseThrow(() -> new Refused("uploads.error.type"));
        BufferedImage image = decode(upload, type, maxSide);
        try {
            return type == ImageType.JPEG ? jpeg(image) : png(image);
        } catch (IOException e) {
            throw new Refused("uploads.error.unreadable");
        }
    }

    private static BufferedImage decode(byte[] upload, ImageType type, int maxSide) throws Refused {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.imageIoFormat());
        if (!readers.hasNext()) {
            throw new Refused("uploads.error.unreadable");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true); // metadata is never read
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new Refused("uploads.error.unreadable");
            }
            if (Math.max(width, height) > maxSide) {
                throw new Refused("uploads.error.side", "max", maxSide, "width", width, "height", height);
            }
            BufferedImage image = reader.read(0);
            if (image == null) {
                throw new Refused("uploads.error.unreadable");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            throw new Refused("uploads.error.unreadable");
        } finally {
            reader.dispose();
        }
    }

    private static Recoded png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("No PNG writer");
        }
        return new Recoded(out.toByteArray(), "png", "image/png", image.getWidth(), image.getHeight());
    }

    private static Recoded jpeg(BufferedImage decoded) throws IOException {
        BufferedImage image = decoded;
        if (decoded.getType() != BufferedImage.TYPE_3BYTE_BGR && decoded.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            image = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            image.createGraphics().drawImage(decoded, 0, 0, null);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param); // no metadata: a bare JFIF header
        } finally {
            writer.dispose();
        }
        return new Recoded(out.toByteArray(), "jpg", "image/jpeg", image.getWidth(), image.getHeight());
    }
}
