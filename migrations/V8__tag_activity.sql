-- A tag's question list is ordered by activity. With the activity only on questions, MariaDB had to read and sort
-- every question of a popular tag (tens of thousands at a million posts) to show 20; a copy of each question's
-- last activity on its tag rows lets it read the newest 20 straight from an index.
ALTER TABLE question_tags ADD COLUMN last_activity_at DATETIME(6) NULL;

UPDATE question_tags
  SET last_activity_at = (SELECT q.last_activity_at FROM questions q WHERE q.id = question_tags.question_id);

CREATE INDEX ix_question_tags_activity ON question_tags (tag_id, last_activity_at, question_id);
