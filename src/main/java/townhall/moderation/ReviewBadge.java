package townhall.moderation;

import io.javalin.http.Context;
import java.util.Map;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.web.Web;

/** The number of open review items in the header, for those who may act on them: one query, on their pages only. */
public final class ReviewBadge {
    private final ReviewService review;
    private final Privileges privileges;

    public ReviewBadge(ReviewService review, Privileges privileges) {
        this.review = review;
        this.privileges = privileges;
    }

    public void decorate(Context ctx, Map<String, Object> model) {
        Member viewer = Web.viewer(ctx);
        if (viewer != null && privileges.mayReview(viewer)) {
            model.put("reviewCount", review.openCount());
        }
    }
}
