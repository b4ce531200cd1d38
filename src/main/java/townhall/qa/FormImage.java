package townhall.qa;

import io.javalin.http.Context;
import townhall.account.Member;
import townhall.uploads.ImageUploads;
import townhall.uploads.UploadRoutes;
import townhall.web.InvalidInput;
import townhall.web.Web;

/**
 * An image chosen in the plain file field of the ask, answer and edit forms (how images work without the script):
 * it is stored and its Markdown appended to the body, and the form comes back for the author to check before posting.
 */
final class FormImage {
    private FormImage() {}

    /**
     * The body with the chosen image's Markdown appended, or null when no image was chosen; a bad image is an
     * {@link InvalidInput} on {@code field}, with nothing stored.
     */
    static String appendedTo(Context ctx, Member author, String body, ImageUploads uploads, String field) {
        UploadRoutes.Upload upload = UploadRoutes.imageOf(ctx);
        if (upload == null) {
            if (ctx.formParam("add_image") != null) {
                throw InvalidInput.of(field, "uploads.error.choose");
            }
            return null;
        }
        ImageUploads.Stored stored = uploads.store(author, field, upload.filename(), upload.bytes());
        String separator = body.isBlank() || body.endsWith("\n\n") ? "" : body.endsWith("\n") ? "\n" : "\n\n";
        return body + separator + stored.markdown(Web.prefix(ctx)) + "\n";
    }
}
