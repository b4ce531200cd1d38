package townhall.ideas;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.events.EventType;
import townhall.events.Events;
import townhall.markdown.LinkPolicy;
import townhall.markdown.MarkdownRenderer;
import townhall.outbox.Outbox;
import townhall.qa.QuestionLinks;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Texts;

/**
 * The rules of ideas: members propose and vote (once each, within a board's budget), staff run the boards, set
 * statuses with an official response and merge duplicates. Each use case is one transaction; a status change
 * reaches voters and watchers through the outbox ({@link IdeaNotices}) and the outside world as an event.
 */
public final class IdeaService {
    /** The outbox topic of status changes to tell; the entry's ref is the change's id. */
    public static final String TOPIC = "idea-status";
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9+#.-]{0,34}");

    private final Database database;
    private final IdeaStore store;
    private final MarkdownRenderer markdown;
    private final Privileges privileges;
    private final IdeaRules rules;
    private final Outbox outbox;
    private final Events events;
    private final String publicBase;
    private final Clock clock;
    private final IdeaListener listener;

    public IdeaService(Database database, IdeaStore store, MarkdownRenderer markdown, Privileges privileges,
                       IdeaRules rules, Outbox outbox, Events events, String publicBase, Clock clock,
                       IdeaListener listener) {
        this.database = database;
        this.store = store;
        this.markdown = markdown;
        this.privileges = privileges;
        this.rules = rules;
        this.outbox = outbox;
        this.events = events;
        this.publicBase = publicBase;
        this.clock = clock;
        this.listener = listener;
    }

    public record IdeaForm(String board, String title, String body, String tags) {}

    public IdeaRules rules() { return rules; }

    /** Makes a category an idea board, or changes its vote budget (empty: the site's). */
    public void saveBoard(Member staff, String category, String budget) {
        requireManager(staff);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Long categoryId = parseId(category);
        if (categoryId == null || !store.categoryExists(categoryId)) {
            errors.add("category", "ideas.error.category");
        }
        Integer voteBudget = null;
        if (budget != null && !budget.isBlank()) {
            try {
                voteBudget = Integer.parseInt(budget.strip());
            } catch (NumberFormatException e) {
                voteBudget = -1;
            }
            if (voteBudget < 0 || voteBudget > 1000) {
                errors.add("budget", "ideas.error.budget", "max", 1000);
            }
        }
        errors.throwIfAny();
        Integer saved = voteBudget;
        database.inTransaction(() -> store.saveBoard(categoryId, saved, now()));
    }

    public long propose(Member author, IdeaForm form) {
        if (!privileges.mayProposeIdea(author)) {
            throw new NotAllowed("ideas.denied.propose");
        }
        IdeaStore.IdeaRow row = validate(author, form, true);
        return database.inTransaction(() -> {
            long id = store.insert(row, now());
            store.watch(id, author.id());
            listener.ideaChanged(id);
            return id;
        });
    }

    /** The author (while it is open) or a Helper or staff member corrects an idea's title, text and tags. */
    public void edit(Member member, long ideaId, IdeaForm form) {
        Idea idea = store.idea(ideaId).orElseThrow(NotFound::new);
        if (!privileges.mayEditIdea(member, idea.author().id(), idea.open())) {
            throw new NotAllowed("ideas.denied.edit");
        }
        IdeaStore.IdeaRow row = validate(member, new IdeaForm(String.valueOf(idea.categoryId()), form.title(),
                form.body(), form.tags()), false);
        database.inTransaction(() -> {
            store.update(ideaId, row);
            listener.ideaChanged(ideaId);
        });
    }

    private IdeaStore.IdeaRow validate(Member author, IdeaForm form, boolean checkBoard) {
        String title = Texts.line(form.title());
        String body = Texts.clean(form.body(), true).strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Long boardId = parseId(form.board());
        if (checkBoard && (boardId == null || store.board(boardId, rules.voteBudget()).isEmpty())) {
            errors.add("board", "ideas.error.board");
        }
        if (title.length() < IdeaRules.TITLE_MIN) {
            errors.add("title", "ideas.error.title.short", "min", IdeaRules.TITLE_MIN);
        } else if (title.length() > IdeaRules.TITLE_MAX) {
            errors.add("title", "ideas.error.title.long", "max", IdeaRules.TITLE_MAX);
        }
        if (body.length() < IdeaRules.BODY_MIN) {
            errors.add("body", "ideas.error.body.short", "min", IdeaRules.BODY_MIN);
        } else if (body.length() > IdeaRules.BODY_MAX) {
            errors.add("body", "ideas.error.body.long", "max", IdeaRules.BODY_MAX);
        }
        List<String> tags = parseTags(form.tags(), errors);
        int maxLinks = privileges.maxLinks(author);
        if (maxLinks >= 0 && !errors.has("body") && markdown.countLinks(body) > maxLinks) {
            errors.add("body", "qa.error.links", "max", maxLinks, "reputation",
                    privileges.rules().newMemberReputation());
        }
        errors.throwIfAny();
        String slug = QuestionLinks.slugOf(title);
        return new IdeaStore.IdeaRow(boardId, author.id(), title, slug.equals("edit") ? "edit-idea" : slug, body,
                markdown.render(body, privileges.linkPolicy(author)), tags);
    }

    /** A vote for the idea, once per member, while it is open and the board's budget allows. */
    public void vote(Member member, long ideaId) {
        if (!privileges.mayVoteOnIdeasAndPolls(member)) {
            throw new NotAllowed("ideas.denied.vote");
        }
        Idea idea = store.idea(ideaId).orElseThrow(NotFound::new);
        if (!idea.open()) {
            throw new NotAllowed("ideas.denied.closed");
        }
        int budget = store.board(idea.categoryId(), rules.voteBudget()).map(IdeaBoard::budget).orElse(0);
        database.inTransaction(() -> {
            store.lockMember(member.id());
            if (budget > 0 && store.votedAmong(member.id(), List.of(ideaId)).isEmpty()
                    && store.openVotesOnBoard(member.id(), idea.categoryId()) >= budget) {
                throw new NotAllowed("ideas.denied.budget", "count", budget);
            }
            if (store.addVote(ideaId, member.id(), now())) {
                listener.ideaChanged(ideaId);
            }
        });
    }

    public void withdrawVote(Member member, long ideaId) {
        store.idea(ideaId).orElseThrow(NotFound::new);
        database.inTransaction(() -> {
            if (store.removeVote(ideaId, member.id())) {
                listener.ideaChanged(ideaId);
            }
        });
    }

    public void watch(Member member, long ideaId, boolean watch) {
        store.idea(ideaId).orElseThrow(NotFound::new);
        if (watch) {
            store.watch(ideaId, member.id());
        } else {
            store.unwatch(ideaId, member.id());
        }
    }

    /** Votes the member has left on the board, or -1 when the board sets no limit. */
    public int votesLeft(Member member, IdeaBoard board) {
        return board.budget() <= 0 ? -1 : Math.max(0, board.budget() - store.openVotesOnBoard(member.id(), board.categoryId()));
    }

    /** Staff set the status with an optional official response; voters and watchers hear of it from the outbox. */
    public void setStatus(Member staff, long ideaId, String statusCode, String response) {
        requireManager(staff);
        Idea idea = store.idea(ideaId).orElseThrow(NotFound::new);
        IdeaStatus status = IdeaStatus.fromCode(statusCode == null ? "" : statusCode).orElse(null);
        String responseMd = Texts.clean(response == null ? "" : response, true).strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (status == null) {
            errors.add("status", "ideas.error.status");
        }
        if (responseMd.length() > IdeaRules.RESPONSE_MAX) {
            errors.add("response", "ideas.error.response.long", "max", IdeaRules.RESPONSE_MAX);
        }
        errors.throwIfAny();
        if (idea.mergedInto() != null) {
            throw new NotAllowed("ideas.denied.merged");
        }
        String responseHtml = responseMd.isEmpty() ? null : markdown.render(responseMd, LinkPolicy.FOLLOW);
        LocalDateTime now = now();
        database.inTransaction(() -> {
            long change = store.setStatus(ideaId, status, responseMd.isEmpty() ? null : responseMd, responseHtml,
                    staff.id(), now);
            if (status != idea.status()) {
                outbox.add(TOPIC, change, null);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("ideaId", ideaId);
                data.put("title", idea.title());
                data.put("status", status.code());
                data.put("previousStatus", idea.status().code());
                data.put("votes", idea.voteCount());
                data.put("url", publicBase + idea.path());
                data.put("changedBy", staff.username());
                events.emit(EventType.IDEA_STATUS_CHANGED, ideaId, data);
            }
            listener.ideaChanged(ideaId);
        });
    }

    /** Merges a duplicate into the idea that stays: votes and watchers move, the duplicate points to it. */
    public void merge(Member staff, long duplicateId, String survivor) {
        requireManager(staff);
        Idea duplicate = store.idea(duplicateId).orElseThrow(NotFound::new);
        Long survivorId = parseId(survivor == null ? "" : survivor.replaceAll("^.*/idea/(\\d+).*$", "$1"));
        Idea kept = survivorId == null ? null : store.idea(survivorId).orElse(null);
        if (kept == null || kept.id() == duplicateId || kept.mergedInto() != null) {
            throw InvalidInput.of("survivor", "ideas.error.survivor");
        }
        if (duplicate.mergedInto() != null) {
            throw new NotAllowed("ideas.denied.merged");
        }
        database.inTransaction(() -> {
            store.merge(duplicateId, kept.id());
            store.setStatus(duplicateId, IdeaStatus.EXISTS, null, null, staff.id(), now());
            listener.ideaChanged(duplicateId);
            listener.ideaChanged(kept.id());
        });
    }

    private List<String> parseTags(String input, InvalidInput.Collector errors) {
        Set<String> tags = new LinkedHashSet<>();
        for (String part : Texts.line(input == null ? "" : input).toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            if (!part.isEmpty()) {
                tags.add(part);
            }
        }
        if (tags.size() > IdeaRules.TAGS_MAX) {
            errors.add("tags", "ideas.error.tags.many", "max", IdeaRules.TAGS_MAX);
        } else if (tags.stream().anyMatch(t -> !TAG.matcher(t).matches())) {
            errors.add("tags", "ideas.error.tags.invalid");
        }
        return List.copyOf(tags);
    }

    private void requireManager(Member member) {
        if (member == null || !privileges.mayManageIdeas(member)) {
            throw new NotAllowed("ideas.denied.staff");
        }
    }

    private static Long parseId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
