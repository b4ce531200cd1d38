-- Community insight at a million posts (issue 18): what the dashboard still read from the posts for the whole period
-- (members who posted, returning members, top contributors, rising newcomers, and every count under a tag filter)
-- is rolled up by day too, so that only the current day is read from the posts.

-- What one member posted on one day (UTC) in one category (0: none), for all tags (tag_id 0) and again under each
-- tag of the questions concerned. posts: questions and answers not deleted; answers: answers not deleted to
-- questions not deleted, of which marked were accepted or verified, the last written at last_answer_at; first_at:
-- when the member first posted anything (deleted or not), so that a returning member (one who had posted before the
-- period) is counted without another read. A row is kept only when posts > 0. Counted with the day, and again when
-- the day or one of the member's questions changes.
CREATE TABLE insight_member_days (
  tag_id BIGINT NOT NULL,
  day DATE NOT NULL,
  category_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  posts INT NOT NULL,
  answers INT NOT NULL,
  marked INT NOT NULL,
  last_answer_at DATETIME(6) NULL,
  first_at DATETIME(6) NOT NULL,
  PRIMARY KEY (tag_id, day, category_id, member_id)
);

CREATE INDEX ix_insight_member_days_day ON insight_member_days (day, member_id);
CREATE INDEX ix_insight_member_days_member ON insight_member_days (member_id, first_at);

-- insight_days under each tag: questions, answers (and those by Helpers), comments and votes of one day in one
-- category, on questions with that tag.
CREATE TABLE insight_tag_days (
  tag_id BIGINT NOT NULL,
  day DATE NOT NULL,
  category_id BIGINT NOT NULL,
  questions INT NOT NULL DEFAULT 0,
  answers INT NOT NULL DEFAULT 0,
  comments INT NOT NULL DEFAULT 0,
  votes INT NOT NULL DEFAULT 0,
  helper_answers INT NOT NULL DEFAULT 0,
  PRIMARY KEY (tag_id, day, category_id)
);

CREATE INDEX ix_insight_tag_days_day ON insight_tag_days (day);
