-- At a million posts the dashboard's range reads must not touch the posts' text: the date and question indexes of
-- V34 become covering (everything the dashboard reads of a post), and Helpers are found without reading every member.
DROP INDEX ix_posts_kind_created ON posts;
DROP INDEX ix_posts_question_kind ON posts;
CREATE INDEX ix_posts_kind_created ON posts (kind, created_at, deleted_at, author_id, question_id);
CREATE INDEX ix_posts_question_kind ON posts (question_id, kind, deleted_at, created_at, author_id);
CREATE INDEX ix_members_helper ON members (helper, reputation);
