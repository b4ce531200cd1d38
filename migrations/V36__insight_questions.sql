-- What became of each question (first answer, first staff answer, accepted, verified, closed, deleted), kept by the
-- insight roll-ups for the days already counted and again whenever the question changes (insight_dirty_questions,
-- written in the change's transaction): the dashboard reads a period's questions from here, not from the posts.
CREATE TABLE insight_questions (
  question_id BIGINT NOT NULL,
  asked_at DATETIME(6) NOT NULL,
  category_id BIGINT NOT NULL,
  first_answer_at DATETIME(6) NULL,
  first_staff_answer_at DATETIME(6) NULL,
  accepted BOOLEAN NOT NULL,
  verified BOOLEAN NOT NULL,
  closed BOOLEAN NOT NULL,
  deleted BOOLEAN NOT NULL,
  PRIMARY KEY (question_id)
);

CREATE INDEX ix_insight_questions_asked ON insight_questions (asked_at, category_id);

CREATE TABLE insight_dirty_questions (
  question_id BIGINT NOT NULL,
  PRIMARY KEY (question_id)
);
