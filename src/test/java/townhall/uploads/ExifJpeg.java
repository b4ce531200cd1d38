package townhall.uploads;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Builds test images: a JPEG carrying a hand-made EXIF APP1 segment (a camera model and a GPS position), and reads
 * back which marker segments a JPEG holds.
 */
final class ExifJpeg {
    static final String CAMERA = "SecretCam-Model-X";

    private ExifJpeg() {}

    static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(30, 90, 160));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(2, 2, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG with an EXIF segment right after SOI: IFD0 with Make and a GPS IFD with latitude 59° 54' 30" N. */
    static byte[] withGps(int width, int height) {
        byte[] jpeg = image("jpeg", width, height);
        byte[] tiff = tiff();
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
        app1.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).put(tiff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.writeBytes(app1.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] tiff() {
        byte[] make = (CAMERA + "\0").getBytes(StandardCharsets.US_ASCII); // 18 bytes
        ByteBuffer b = ByteBuffer.allocate(110); // big-endian
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        // IFD0 at 8: Make (ASCII at 38), GPS IFD pointer (at 56)
        b.putShort((short) 2);
        b.putShort((short) 0x010F).putShort((short) 2).putInt(make.length).putInt(38);
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(56);
        b.putInt(0);
        b.put(make);
        // GPS IFD at 56: GPSLatitudeRef "N", GPSLatitude three rationals at 86
        b.putShort((short) 2);
        b.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).put((byte) 0).put((byte) 0);
        b.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(86);
        b.putInt(0);
        b.putInt(59).putInt(1).putInt(54).putInt(1).putInt(3000).putInt(100);
        return b.array();
    }

    /** The marker bytes (0xE0 for APP0, 0xE1 for APP1/EXIF, ...) of the segments before the image data. */
    static List<Integer> segments(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) { // start of scan: the pixels follow
                break;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        return markers;
    }
}
