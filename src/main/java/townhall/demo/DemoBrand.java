package townhall.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.brand.BrandService;

/**
 * Brands the demo as Northwind Audio, the maker its questions are about: name, tagline, a logo and a favicon in the
 * brand's navy and teal, set through the brand settings as an administrator would, so the first start shows what a
 * brand gets. The page colours stay the theme's, so that every sample theme can be tried on the demo (brand colours
 * that read well on the light themes would not on the dark one, and the settings refuse such a switch).
 */
public final class DemoBrand {
    private static final Logger log = LoggerFactory.getLogger(DemoBrand.class);
    static final String NAME = "Northwind Audio";
    private static final Color NAVY = new Color(0x1d3557);
    private static final Color TEAL = new Color(0x2ec4b6);

    private final BrandService brand;
    private final AccountStore accounts;

    public DemoBrand(BrandService brand, AccountStore accounts) {
        this.brand = brand;
        this.accounts = accounts;
    }

    /** Only on a site whose name nobody has set yet, with the demo's administrator. */
    public void brandIfUnbranded() {
        String name = brand.current().siteNameSetting();
        if (name != null && !name.isBlank()) {
            return;
        }
        Member admin = accounts.findByUsername(DemoCommunity.ACCOUNTS.getFirst().username())
                .filter(Member::isAdmin).orElse(null);
        if (admin == null) {
            return;
        }
        BrandService.Form form = BrandService.Form.of(brand.current());
        brand.save(admin, new BrandService.Form(form.theme(), NAME, "Answers from people who listen",
                "", "", form.extraCss(), form.footerLinks(), form.welcome(), form.guidelines(),
                form.newcomer(), false, false, false),
                new BrandService.Upload("northwind-logo.png", png(logo(96))),
                new BrandService.Upload("northwind-favicon.png", png(logo(32))));
        log.info("Demo branded as {} (change it at /admin/brand)", NAME);
    }

    /** A navy rounded square with a white N under a teal sound wave. */
    static BufferedImage logo(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            float s = size;
            g.setColor(NAVY);
            g.fill(new RoundRectangle2D.Float(0, 0, s, s, s * 0.3f, s * 0.3f));
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(s * 0.11f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D n = new Path2D.Float();
            n.moveTo(s * 0.28, s * 0.78);
            n.lineTo(s * 0.28, s * 0.40);
            n.lineTo(s * 0.72, s * 0.78);
            n.lineTo(s * 0.72, s * 0.40);
            g.draw(n);
            g.setColor(TEAL);
            g.setStroke(new BasicStroke(s * 0.07f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Arc2D.Float(s * 0.22f, s * 0.12f, s * 0.56f, s * 0.36f, 20, 140, Arc2D.OPEN));
        } finally {
            g.dispose();
        }
        return image;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
