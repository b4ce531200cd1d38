-- The askers' follow-up: a question with answers but none accepted notify.followup.days after it was asked gets one
-- reminder ("Did one of these solve it?"), and what the asker answered is kept: 'accepted' (one click accepted an
-- answer) or 'unsolved'; NULL while they have not answered. The insight issue reads it for satisfaction figures.
CREATE TABLE question_followups (
  question_id BIGINT NOT NULL,
  asked_at DATETIME(6) NOT NULL,
  outcome VARCHAR(12) NULL,
  answered_at DATETIME(6) NULL,
  PRIMARY KEY (question_id),
  CONSTRAINT fk_question_followups_question FOREIGN KEY (question_id) REFERENCES questions (id) ON DELETE CASCADE
);
