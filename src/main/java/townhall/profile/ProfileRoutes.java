package townhall.profile;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import townhall.account.AccountRoutes;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** A member's profile settings, their avatar, their data: download it, or delete the account. */
public final class ProfileRoutes {
    private final ProfileService profiles;
    private final ProfileStore store;
    private final DataExport export;
    private final AccountStore accounts;
    private final Views pages;
    private final Clock clock;

    public ProfileRoutes(ProfileService profiles, ProfileStore store, AccountStore accounts, Views pages, Clock clock) {
        this.profiles = profiles;
        this.store = store;
        this.export = new DataExport(store);
        this.accounts = accounts;
        this.pages = pages;
        this.clock = clock;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/settings/profile", ctx -> {
            Member member = Web.requireViewer(ctx);
            Profile profile = store.find(member.id()).orElse(Profile.empty(member.id()));
            showSettings(ctx, member, new ProfileService.Form(orEmpty(profile.displayName()), orEmpty(profile.bio()),
                    orEmpty(profile.website())), Map.of());
        });
        routes.post("/settings/profile", this::saveSettings);
        routes.get("/settings/data", ctx -> {
            Web.requireViewer(ctx);
            showData(ctx, Map.of());
        });
        routes.get("/settings/data/export.json", this::exportJson);
        routes.post("/settings/data/delete", this::deleteOwn);
        routes.get("/settings/data/deleted", ctx -> pages.render(ctx, "profile/deleted",
                Map.of("title", pages.t(ctx, "profile.data.deleted.title"))));
        routes.get("/u/{username}/avatar", this::avatar);
        routes.post("/u/{username}/delete", this::deleteByStaff);
    }

    private void showSettings(Context ctx, Member member, ProfileService.Form form, Map<String, String> errors) {
        Profile profile = store.find(member.id()).orElse(Profile.empty(member.id()));
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "profile.settings.title"));
        model.put("form", form);
        model.put("profile", profile);
        model.put("avatarUrl", profile.avatarPath(member.username()));
        model.put("errors", errors);
        model.put("saved", ctx.queryParam("saved") != null);
        model.put("limits", Map.of("displayName", ProfileService.DISPLAY_NAME_MAX, "bio", ProfileService.BIO_MAX,
                "website", ProfileService.WEBSITE_MAX, "avatarMb", ProfileService.AVATAR_MAX_MB));
        pages.render(ctx, "profile/settings", model);
    }

    private void saveSettings(Context ctx) {
        Member member = Web.requireViewer(ctx);
        ProfileService.Form form = new ProfileService.Form(orEmpty(ctx.formParam("displayName")),
                orEmpty(ctx.formParam("bio")), orEmpty(ctx.formParam("website")));
        try {
            profiles.save(member, form, upload(ctx, "avatar", Avatars.MAX_BYTES), ctx.formParam("removeAvatar") != null);
            Web.redirect(ctx, "/settings/profile?saved=1");
        } catch (InvalidInput e) {
            ctx.status(422);
            showSettings(ctx, member, form, pages.errors(ctx, e));
        }
    }

    /** The chosen file's first {@code limit + 1} bytes (enough to tell it is too large), or null when none was chosen. */
    private static byte[] upload(Context ctx, String name, int limit) {
        if (!ctx.isMultipartFormData()) {
            return null;
        }
        UploadedFile file = ctx.uploadedFile(name);
        if (file == null || file.size() == 0) {
            return null;
        }
        try (InputStream in = file.content()) {
            return in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void showData(Context ctx, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "profile.data.title"));
        model.put("errors", errors);
        pages.render(ctx, "profile/data", model);
    }

    private void exportJson(Context ctx) {
        Member member = Web.requireViewer(ctx);
        String json = export.json(member.id(), text -> pages.t(ctx, text), LocalDateTime.now(clock));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"townhall-" + member.username() + ".json\"");
        ctx.contentType("application/json; charset=utf-8").result(json);
    }

    private void deleteOwn(Context ctx) {
        Member member = Web.requireViewer(ctx);
        try {
            profiles.deleteOwn(member, ctx.formParam("confirm"));
        } catch (InvalidInput e) {
            ctx.status(422);
            showData(ctx, pages.errors(ctx, e));
            return;
        }
        Web.clearCookie(ctx, AccountRoutes.SESSION_COOKIE);
        Web.redirect(ctx, "/settings/data/deleted");
    }

    private void deleteByStaff(Context ctx) {
        Member actor = Web.requireViewer(ctx);
        Member target = accounts.findByUsername(ctx.pathParam("username")).orElseThrow(NotFound::new);
        profiles.deleteByStaff(actor, target, "remove".equals(ctx.formParam("posts")));
        if (target.id() == actor.id()) {
            Web.clearCookie(ctx, AccountRoutes.SESSION_COOKIE);
            Web.redirect(ctx, "/settings/data/deleted");
        } else {
            Web.redirect(ctx, "/u/" + URLEncoder.encode(ProfileService.DELETED_PREFIX + target.id(), StandardCharsets.UTF_8));
        }
    }

    /**
     * The member's avatar: the uploaded PNG, else the generated SVG. The address with the current {@code ?v=} may be
     * cached for a year (a change gives a new version); any other is checked again each time, by its ETag.
     */
    private void avatar(Context ctx) {
        ProfileStore.AvatarSource source = store.avatar(ctx.pathParam("username")).orElseThrow(NotFound::new);
        boolean current = String.valueOf(source.version()).equals(ctx.queryParam("v"));
        byte[] body;
        String type;
        String etag;
        if (source.png() != null) {
            body = source.png();
            type = "image/png";
            etag = "\"a" + source.memberId() + "-" + source.version() + "\"";
        } else {
            String svg = Avatars.generatedSvg(source.username(), source.displayName());
            body = svg.getBytes(StandardCharsets.UTF_8);
            type = "image/svg+xml; charset=utf-8";
            etag = "\"g" + Integer.toHexString(svg.hashCode()) + "\"";
        }
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", current ? "public, max-age=31536000, immutable" : "public, no-cache");
        String seen = ctx.header("If-None-Match");
        if (seen != null && seen.contains(etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(type).result(body);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
