package townhall.ideas;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Texts;

/**
 * The rules of polls: staff, or the author of the idea or question, attach one poll to it; each member answers once
 * (one option, or several in a multiple-choice poll) until it closes; results show after answering or closing.
 */
public final class PollService {
    public static final int QUESTION_MAX = 200;
    public static final int OPTION_MAX = 120;
    public static final int OPTIONS_MIN = 2;
    public static final int OPTIONS_MAX = 10;

    private final Database database;
    private final PollStore store;
    private final Privileges privileges;
    private final Clock clock;

    public PollService(Database database, PollStore store, Privileges privileges, Clock clock) {
        this.database = database;
        this.store = store;
        this.privileges = privileges;
        this.clock = clock;
    }

    public record PollForm(String question, String options, boolean multiple, String closes) {}

    /** Attaches a poll to a subject whose author is {@code authorId}; {@code closes} is a UTC date and time or empty. */
    public long create(Member member, String kind, long subjectId, long authorId, PollForm form) {
        if (!privileges.mayAddPoll(member, authorId) || Polls.ANNOUNCEMENT.equals(kind) && !member.isStaff()) {
            throw new NotAllowed("polls.denied.create");
        }
        String question = Texts.line(form.question());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (question.length() < 3 || question.length() > QUESTION_MAX) {
            errors.add("pollQuestion", "polls.error.question", "min", 3, "max", QUESTION_MAX);
        }
        Set<String> options = new LinkedHashSet<>();
        for (String line : (form.options() == null ? "" : form.options()).split("\\R")) {
            String option = Texts.line(line);
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        if (options.size() < OPTIONS_MIN || options.size() > OPTIONS_MAX) {
            errors.add("pollOptions", "polls.error.options", "min", OPTIONS_MIN, "max", OPTIONS_MAX);
        } else if (options.stream().anyMatch(o -> o.length() > OPTION_MAX)) {
            errors.add("pollOptions", "polls.error.option.long", "max", OPTION_MAX);
        }
        LocalDateTime closes = null;
        String closesText = form.closes() == null ? "" : form.closes().strip();
        if (!closesText.isEmpty()) {
            try {
                closes = closesText.length() == 10 ? java.time.LocalDate.parse(closesText).atTime(23, 59, 59)
                        : LocalDateTime.parse(closesText);
                if (!closes.isAfter(LocalDateTime.now(clock))) {
                    errors.add("pollCloses", "polls.error.closes.past");
                }
            } catch (DateTimeParseException e) {
                errors.add("pollCloses", "polls.error.closes");
            }
        }
        errors.throwIfAny();
        LocalDateTime closesAt = closes;
        return database.inTransaction(() -> store.insert(kind, subjectId, question, form.multiple(), closesAt,
                new ArrayList<>(options), member.id(), LocalDateTime.now(clock)))
                .orElseThrow(() -> new NotAllowed("polls.denied.exists"));
    }

    /** One answer per member, while the poll is open; options must be the poll's own, one unless multiple choice. */
    public void vote(Member member, long pollId, List<String> choices) {
        if (!privileges.mayVoteOnIdeasAndPolls(member)) {
            throw new NotAllowed("polls.denied.vote");
        }
        Poll poll = store.poll(pollId).orElseThrow(NotFound::new);
        LocalDateTime now = LocalDateTime.now(clock);
        if (poll.closedAt(now)) {
            throw new NotAllowed("polls.denied.closed");
        }
        Set<Long> chosen = new LinkedHashSet<>();
        for (String choice : choices) {
            try {
                long option = Long.parseLong(choice.strip());
                if (poll.options().stream().anyMatch(o -> o.id() == option)) {
                    chosen.add(option);
                }
            } catch (NumberFormatException e) {
                // not an option of this poll
            }
        }
        if (chosen.isEmpty() || !poll.multiple() && chosen.size() > 1) {
            throw InvalidInput.of("poll-" + pollId, poll.multiple() ? "polls.error.choose.some" : "polls.error.choose.one");
        }
        boolean recorded = database.inTransaction(() -> store.vote(pollId, member.id(), chosen, now));
        if (!recorded) {
            throw new NotAllowed("polls.denied.again");
        }
    }

    /** The id of the subject's poll, if it has one. */
    public java.util.Optional<Long> pollOf(String kind, long subjectId) {
        return store.of(kind, subjectId).map(Poll::id);
    }

    /** The ids of a poll's options, in order. */
    public List<Long> optionIds(long pollId) {
        return store.poll(pollId).map(p -> p.options().stream().map(Poll.Option::id).toList()).orElse(List.of());
    }

    /** Results show to whoever answered, and to everyone once the poll is closed. */
    public boolean resultsVisible(Poll poll, boolean voted) {
        return voted || poll.closedAt(LocalDateTime.now(clock));
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
