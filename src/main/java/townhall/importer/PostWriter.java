package townhall.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two writers store Posts.xml: each batch's questions in one transaction, then, once the questions of every
 * earlier batch are stored, its answers (whose questions those are) in a second one.
 */
final class PostWriter {
    private final ImportRun run;
    private final ImportStore store;
    private final String site;
    private final long categoryId;
    private final Pipeline.Sequence questionsStored = new Pipeline.Sequence();
    private long questions;
    private long answers;
    private long skipped;

    /** @param categoryId the category the questions go to, the site's */
    PostWriter(ImportRun run, ImportStore store, long categoryId) {
        this.run = run;
        this.store = store;
        this.site = run.site();
        this.categoryId = categoryId;
    }

    long questions() {
        return questions;
    }

    long answers() {
        return answers;
    }

    /** Posts not imported: tag wikis and other kinds, or answers without their question. */
    long skipped() {
        return skipped;
    }

    void write(long number, PostBatch batch) {
        try {
            Map<Long, Long> localIds = new HashMap<>(batch.knownParents());
            Map<Long, Long> asked = writeQuestions(batch);
            localIds.putAll(asked);
            questionsStored.done(number);
            questionsStored.awaitAllBelow(number);
            int answered = writeAnswers(batch, localIds);
            run.tick(batch.rows(), asked.size() + answered);
        } catch (RuntimeException e) {
            questionsStored.fail();
            throw e;
        }
    }

    /** Stores the batch's questions; returns their local ids by source id. */
    private Map<Long, Long> writeQuestions(PostBatch batch) {
        List<PreparedPost> asked = batch.posts().stream().filter(PreparedPost::question).toList();
        run.countAlreadyImported(batch.alreadyImported());
        synchronized (this) {
            skipped += batch.skipped();
        }
        if (asked.isEmpty()) return Map.of();
        Set<String> tagNames = new TreeSet<>();
        asked.forEach(p -> tagNames.addAll(p.tags()));
        Map<Long, Long> ids = run.transaction(() -> {
            Map<String, Long> tagIds = store.ensureTags(tagNames);
            List<Long> questionIds = store.insertPosts(asked.stream().map(PreparedPost::post).toList());
            Map<Long, Long> byExternal = new HashMap<>();
            List<ImportStore.NewQuestion> newQuestions = new ArrayList<>(asked.size());
            List<ImportStore.QuestionTag> questionTags = new ArrayList<>();
            List<ImportStore.Accepted> accepted = new ArrayList<>();
            List<ImportStore.NewRevision> revisions = new ArrayList<>(asked.size());
            List<ImportStore.Mapping> mappings = new ArrayList<>(asked.size());
            for (int i = 0; i < asked.size(); i++) {
                PreparedPost p = asked.get(i);
                long id = questionIds.get(i);
                byExternal.put(p.externalId(), id);
                boolean closed = p.closedAt() != null;
                newQuestions.add(new ImportStore.NewQuestion(id, p.title(), p.slug(), p.excerpt(), categoryId, 0,
                        p.viewCount(), p.lastActivityAt(), p.closedAt(), closed ? batch.closer() : null,
                        closed ? "Closed on " + site : null));
                for (String tag : p.tags()) {
                    Long tagId = tagIds.get(tag);
                    if (tagId != null) {
                        questionTags.add(new ImportStore.QuestionTag(id, tagId));
                    }
                }
                if (p.acceptedAnswerId() != null) {
                    accepted.add(new ImportStore.Accepted(p.externalId(), p.acceptedAnswerId()));
                }
                revisions.add(revision(id, p));
                mappings.add(new ImportStore.Mapping(p.externalId(), id, null));
            }
            store.insertQuestions(newQuestions);
            store.insertQuestionTags(questionTags);
            store.stageAccepted(site, accepted);
            store.insertRevisions(revisions);
            store.map(site, ImportStore.POST, mappings);
            return byExternal;
        });
        synchronized (this) {
            questions += asked.size();
        }
        return ids;
    }

    /** Stores the batch's answers, once the questions they answer are stored; returns how many. */
    private int writeAnswers(PostBatch batch, Map<Long, Long> localIds) {
        List<PreparedPost> given = batch.posts().stream().filter(p -> !p.question()).toList();
        if (given.isEmpty()) return 0;
        // Questions that batches still being written stored after this batch was prepared.
        Set<Long> unresolved = new HashSet<>();
        for (PreparedPost p : given) {
            if (p.parentId() != null && !localIds.containsKey(p.parentId())) unresolved.add(p.parentId());
        }
        store.mapped(site, ImportStore.POST, unresolved).forEach((external, mapped) ->
                localIds.put(external, mapped.localId()));
        List<PreparedPost> answered = new ArrayList<>(given.size());
        List<ImportStore.NewPost> answerPosts = new ArrayList<>(given.size());
        Map<Long, Integer> answerCounts = new TreeMap<>();
        for (PreparedPost p : given) {
            Long questionId = p.parentId() == null ? null : localIds.get(p.parentId());
            if (questionId == null) continue; // its question is not in the dump
            answered.add(p);
            answerPosts.add(p.post().withQuestion(questionId));
            answerCounts.merge(questionId, 1, Integer::sum);
        }
        if (!answered.isEmpty()) {
            run.transaction(() -> {
                store.addToAnswerCounts(answerCounts);
                List<Long> answerIds = store.insertPosts(answerPosts);
                List<ImportStore.NewRevision> revisions = new ArrayList<>(answered.size());
                List<ImportStore.Mapping> mappings = new ArrayList<>(answered.size());
                for (int i = 0; i < answered.size(); i++) {
                    revisions.add(revision(answerIds.get(i), answered.get(i)));
                    mappings.add(new ImportStore.Mapping(answered.get(i).externalId(), answerIds.get(i), null));
                }
                store.insertRevisions(revisions);
                store.map(site, ImportStore.POST, mappings);
                return null;
            });
        }
        synchronized (this) {
            answers += answered.size();
            skipped += given.size() - answered.size();
        }
        return answered.size();
    }

    private ImportStore.NewRevision revision(long postId, PreparedPost p) {
        return new ImportStore.NewRevision(postId, p.post().authorId(), p.title(),
                p.question() ? String.join(" ", p.tags()) : null, p.post().bodyMd(), "Imported from " + site,
                p.revisedAt());
    }
}
