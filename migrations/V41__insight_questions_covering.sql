-- Community insight at a million posts (issue 18): the period's questions are read from insight_questions by the
-- date they were asked; the index holds everything the dashboard reads of them, so a year (about 100,000 questions
-- at a million posts) is one range of the index, without a step into the table for each.
DROP INDEX ix_insight_questions_asked ON insight_questions;
CREATE INDEX ix_insight_questions_asked ON insight_questions
  (asked_at, category_id, deleted, first_answer_at, first_staff_answer_at, accepted, verified, closed);
