-- Staff assign a question to a staff member (or to "support", the team: assignee_id NULL) with a state and a private
-- staff note; escalating sends it to the helpdesk through the question.escalated webhook.
CREATE TABLE assignments (
  question_id BIGINT NOT NULL,
  assignee_id BIGINT NULL,
  state VARCHAR(8) NOT NULL,
  note VARCHAR(1000) NOT NULL DEFAULT '',
  assigned_by BIGINT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  escalated_at DATETIME(6) NULL,
  PRIMARY KEY (question_id),
  CONSTRAINT fk_assignments_question FOREIGN KEY (question_id) REFERENCES questions (id)
);

CREATE INDEX ix_assignments_assignee ON assignments (assignee_id, state, updated_at);
