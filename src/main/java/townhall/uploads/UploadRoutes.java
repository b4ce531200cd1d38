package townhall.uploads;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/**
 * {@code POST /uploads}: the post forms' script sends an image here and gets its Markdown back as JSON (without the
 * script the forms take the image themselves, see {@link #imageOf}); {@code GET /uploads/<sha256>.<ext>}: a stored
 * image, cached for a year as it never changes.
 */
public final class UploadRoutes {
    /** The file field of the post forms. */
    public static final String FIELD = "image";

    private final ImageUploads uploads;
    private final Views pages;

    public UploadRoutes(ImageUploads uploads, Views pages) {
        this.uploads = uploads;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/uploads", this::upload);
        routes.get("/uploads/{file}", this::serve);
    }

    private void upload(Context ctx) {
        Member member = Web.requireViewer(ctx);
        UploadedFile file = ctx.uploadedFile(FIELD);
        try {
            if (file == null) {
                throw InvalidInput.of(FIELD, "uploads.error.empty");
            }
            ImageUploads.Stored stored = uploads.store(member, FIELD, file.filename(), bytesOf(file));
            ctx.json(Map.of("markdown", stored.markdown(Web.prefix(ctx)), "url", Web.path(ctx, ImageUploads.PATH + stored.fileName()),
                    "width", stored.width(), "height", stored.height()));
        } catch (InvalidInput invalid) {
            ctx.status(422).json(Map.of("error", pages.errors(ctx, invalid).get(FIELD)));
        }
    }

    /**
     * The image a plain (multipart) post form carries in its {@value #FIELD} field, or null when none was chosen:
     * what ask, answer and edit call before anything else, so an image works without the script.
     */
    public static Upload imageOf(Context ctx) {
        UploadedFile file = ctx.uploadedFile(FIELD);
        if (file == null || (file.size() == 0 && (file.filename() == null || file.filename().isEmpty()))) {
            return null;
        }
        return new Upload(file.filename(), bytesOf(file));
    }

    /** A chosen file: its name as the browser gave it, and its bytes. */
    public record Upload(String filename, byte[] bytes) {}

    private static byte[] bytesOf(UploadedFile file) {
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve(Context ctx) throws IOException {
        String name = ctx.pathParam("file");
        Path file = uploads.file(name).orElseThrow(NotFound::new);
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.contentType(ImageUploads.contentType(name));
        ctx.result(Files.readAllBytes(file));
    }
}
