package townhall.faq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.account.Member;
import townhall.versions.VersionService;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** The FAQ: its index and entry pages for everyone, and the staff pages that curate it. */
public final class FaqRoutes {
    private final FaqService faq;
    private final FaqStore store;
    private final Views pages;
    private final ObjectMapper json = new ObjectMapper();
    private final VersionService versions;

    public FaqRoutes(FaqService faq, FaqStore store, Views pages, VersionService versions) {
        this.versions = versions;
        this.faq = faq;
        this.store = store;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/faq", this::index);
        routes.get("/faq/manage", this::manage);
        routes.get("/faq/new", this::showNew);
        routes.post("/faq/new", this::create);
        routes.post("/faq/sections", this::createSection);
        routes.post("/faq/sections/{id}", this::renameSection);
        routes.post("/faq/sections/{id}/move", ctx -> {
            faq.moveSection(Web.requireStaff(ctx), Web.pathId(ctx), direction(ctx));
            Web.redirect(ctx, "/faq/manage", HttpStatus.SEE_OTHER);
        });
        routes.get("/faq/{id}/edit", this::showEdit);
        routes.post("/faq/{id}/edit", this::update);
        routes.post("/faq/{id}/move", ctx -> staffAction(ctx, (staff, id) -> faq.moveEntry(staff, id, direction(ctx))));
        routes.post("/faq/{id}/retire", ctx -> staffAction(ctx, faq::retire));
        routes.post("/faq/{id}/restore", ctx -> staffAction(ctx, faq::restore));
        routes.post("/faq/{id}/reviewed", ctx -> staffAction(ctx, faq::markReviewed));
        routes.get("/faq/{id}", this::entry);
        routes.get("/faq/{id}/{slug}", this::entry);
    }

    private void index(Context ctx) {
        Member viewer = Web.viewer(ctx);
        List<FaqSection> sections = store.sections(false).stream().filter(s -> !s.entries().isEmpty()).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "faq.title"));
        model.put("sections", sections);
        model.put("freshness", versions.faqFreshness(sections.stream() // the versions each holds for: one query
                .flatMap(s -> s.entries().stream()).map(FaqEntry::id).toList()));
        model.put("isStaff", viewer != null && viewer.isStaff());
        model.put("canonical", "/faq");
        model.put("description", pages.t(ctx, "faq.description"));
        model.put("jsonLd", faqPage(sections.stream().flatMap(s -> s.entries().stream()).toList()));
        pages.render(ctx, "faq/index", model);
    }

    private void entry(Context ctx) {
        Member viewer = Web.viewer(ctx);
        boolean staff = viewer != null && viewer.isStaff();
        FaqEntry entry = store.entry(Web.pathId(ctx)).orElseThrow(NotFound::new);
        if (entry.retired() && !staff) {
            throw new NotFound();
        }
        if (!entry.slug().equals(ctx.pathParamMap().get("slug"))) {
            Web.redirect(ctx, entry.path(), HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", entry.question());
        model.put("entry", entry);
        model.put("freshness", versions.faqFreshness(entry.id()).orElse(null));
        model.put("isStaff", staff);
        model.put("canonical", entry.path());
        model.put("description", entry.question());
        model.put("jsonLd", faqPage(List.of(entry)));
        pages.render(ctx, "faq/entry", model);
    }

    private void manage(Context ctx) {
        Web.requireStaff(ctx);
        showManage(ctx, Map.of(), Map.of());
    }

    private void showManage(Context ctx, Map<String, String> errors, Map<String, String> drafts) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "faq.manage"));
        model.put("sections", store.sections(true));
        model.put("errors", errors);
        model.put("drafts", drafts);
        pages.render(ctx, "faq/manage", model);
    }

    private void createSection(Context ctx) {
        Member staff = Web.requireStaff(ctx);
        String title = Web.formText(ctx, "sectionTitle");
        try {
            faq.createSection(staff, title);
            Web.redirect(ctx, "/faq/manage", HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            ctx.status(422);
            showManage(ctx, pages.errors(ctx, e), Map.of("sectionTitle", title));
        }
    }

    private void renameSection(Context ctx) {
        Member staff = Web.requireStaff(ctx);
        long id = Web.pathId(ctx);
        String title = Web.formText(ctx, "sectionTitle");
        try {
            faq.renameSection(staff, id, title);
            Web.redirect(ctx, "/faq/manage", HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            ctx.status(422);
            Map<String, String> errors = new HashMap<>();
            errors.put("section" + id, pages.t(ctx, e.errors().values().iterator().next()));
            showManage(ctx, errors, Map.of("section" + id, title));
        }
    }

    private void showNew(Context ctx) {
        Member staff = Web.requireStaff(ctx);
        FaqService.EntryForm form = new FaqService.EntryForm(ctx.queryParam("section"), "", "", "", "");
        String answer = ctx.queryParam("answer");
        if (answer != null) {
            try {
                form = faq.draftFromAnswer(staff, Long.parseLong(answer));
            } catch (NumberFormatException e) {
                throw new NotFound();
            }
        }
        FaqService.Freshness freshness = form.sourceQuestion().isEmpty() ? FaqService.Freshness.UNSAID
                : new FaqService.Freshness(versions.answerVersionIds(Long.parseLong(form.sourceQuestion())), "");
        showForm(ctx, null, form, freshness, Map.of());
    }

    private void create(Context ctx) {
        Member staff = Web.requireStaff(ctx);
        FaqService.EntryForm form = readForm(ctx);
        try {
            long id = faq.create(staff, form, readFreshness(ctx));
            Web.redirect(ctx, "/faq/" + id, HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            ctx.status(422);
            showForm(ctx, null, form, readFreshness(ctx), pages.errors(ctx, e));
        }
    }

    private void showEdit(Context ctx) {
        Web.requireStaff(ctx);
        FaqEntry entry = store.entry(Web.pathId(ctx)).orElseThrow(NotFound::new);
        java.time.LocalDate reviewBy = versions.faqFreshness(entry.id()).map(f -> f.reviewBy()).orElse(null);
        showForm(ctx, entry, new FaqService.EntryForm(String.valueOf(entry.sectionId()), entry.question(),
                entry.answerMd(), "", ""), new FaqService.Freshness(versions.faqVersionIds(entry.id()),
                reviewBy == null ? "" : reviewBy.toString()), Map.of());
    }

    private void update(Context ctx) {
        Member staff = Web.requireStaff(ctx);
        FaqEntry entry = store.entry(Web.pathId(ctx)).orElseThrow(NotFound::new);
        FaqService.EntryForm form = readForm(ctx);
        try {
            faq.update(staff, entry.id(), form, readFreshness(ctx));
            Web.redirect(ctx, "/faq/" + entry.id(), HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            ctx.status(422);
            showForm(ctx, entry, form, readFreshness(ctx), pages.errors(ctx, e));
        }
    }

    private void showForm(Context ctx, FaqEntry entry, FaqService.EntryForm form, FaqService.Freshness freshness,
                          Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("versionLines", versions.lines());
        model.put("chosenVersions", freshness.versionIds() == null ? List.of() : freshness.versionIds());
        model.put("reviewBy", VersionService.dateOrBlank(freshness.reviewBy()));
        model.put("title", pages.t(ctx, entry == null ? "faq.edit.new" : "faq.edit.edit"));
        model.put("entry", entry);
        model.put("form", form);
        model.put("errors", errors);
        model.put("sections", store.sections(false));
        model.put("questionMax", FaqService.QUESTION_MAX);
        pages.render(ctx, "faq/edit", model);
    }

    private interface StaffAction {
        void apply(Member staff, long entryId);
    }

    private void staffAction(Context ctx, StaffAction action) {
        Member staff = Web.requireStaff(ctx);
        long id = Web.pathId(ctx);
        action.apply(staff, id);
        String back = Web.localPath(ctx.formParam("back"), "/faq/manage");
        Web.redirect(ctx, back, HttpStatus.SEE_OTHER);
    }

    private static FaqService.EntryForm readForm(Context ctx) {
        return new FaqService.EntryForm(Web.formText(ctx, "section"), Web.formText(ctx, "question"), Web.formText(ctx, "answer"),
                Web.formText(ctx, "sourceQuestion"), Web.formText(ctx, "sourceAnswer"));
    }

    /** The versions ticked on the entry's form and its review-by date. */
    private static FaqService.Freshness readFreshness(Context ctx) {
        return new FaqService.Freshness(ctx.formParam("versionsShown") == null ? null : ctx.formParams("versions"),
                Web.formText(ctx, "reviewBy"));
    }

    private static int direction(Context ctx) {
        return "up".equals(ctx.formParam("direction")) ? -1 : 1;
    }

    /** schema.org FAQPage JSON-LD, safe inside a script element. */
    private String faqPage(List<FaqEntry> entries) {
        List<Map<String, Object>> questions = new ArrayList<>();
        for (FaqEntry entry : entries) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("@type", "Answer");
            answer.put("text", entry.answerHtml());
            Map<String, Object> question = new LinkedHashMap<>();
            question.put("@type", "Question");
            question.put("name", entry.question());
            question.put("acceptedAnswer", answer);
            questions.add(question);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("@context", "https://schema.org");
        page.put("@type", "FAQPage");
        page.put("mainEntity", questions);
        try {
            return json.writeValueAsString(page).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
