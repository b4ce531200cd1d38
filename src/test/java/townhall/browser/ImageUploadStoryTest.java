package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.FilePayload;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Browser;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** In a real Chromium, a member picks an image on the ask form: the script uploads it and puts its Markdown in the text. */
class ImageUploadStoryTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    @RegisterExtension
    static final Browser browser = new Browser();

    @BeforeAll
    static void patience() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aChosenImageIsUploadedAtOnceAndItsMarkdownLandsInTheTextWithAPreview() throws Exception {
        Community community = new Community(server);
        WebClient member = community.member("picturetaker");
        Page page = browser.signedIn(server.baseUrl(), community.usernameOf(member), "a long enough password", 1280, 900);

        page.navigate(server.baseUrl() + "/ask");
        page.locator("#body").fill("The lid has a scratch, see:");
        page.locator("#ask-image").setInputFiles(new FilePayload("scratch.png", "image/png", png()));
        assertThat(page.locator("#body")).hasValue(Pattern.compile(
                "The lid has a scratch, see:\\n\\n!\\[scratch]\\(/uploads/[0-9a-f]{64}\\.png\\)\\n", Pattern.DOTALL));
        assertThat(page.locator(".image-field .upload-status")).hasText("The image was added to the text.");
        assertThat(page.locator("#ask-preview img")).hasAttribute("src", Pattern.compile("/uploads/[0-9a-f]{64}\\.png"));
        // the file field is empty again: posting the form does not send the image a second time
        org.assertj.core.api.Assertions.assertThat(page.locator("#ask-image").inputValue()).isEmpty();

        page.locator("#ask-image").setInputFiles(new FilePayload("notes.png", "image/png", "plain text".getBytes()));
        assertThat(page.locator(".image-field .upload-status")).containsText("“notes.png”");

        // Enter in the title sends the question (here: refused for its missing tags), not the "Add image" button
        page.locator("#title").fill("Is a scratched lid covered by the warranty?");
        page.locator("#title").press("Enter");
        assertThat(page.locator("#tags-error")).isVisible();
        assertThat(page.locator("#ask-image-error")).hasCount(0);
    }
}
