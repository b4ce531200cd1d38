-- Reputation is a ledger: every change is a row; members.reputation is the running total of its rows plus 1.
ALTER TABLE members ADD COLUMN reputation INT NOT NULL DEFAULT 1;
-- Helper status in force, and staff's decision when it overrides the automatic criteria ('grant' or 'revoke').
ALTER TABLE members ADD COLUMN helper BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE members ADD COLUMN helper_override VARCHAR(8) NULL;

CREATE TABLE reputation_events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id BIGINT NOT NULL,
  delta INT NOT NULL,
  reason VARCHAR(32) NOT NULL,
  post_id BIGINT NULL,
  actor_id BIGINT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_reputation_events_member FOREIGN KEY (member_id) REFERENCES members (id)
);

CREATE INDEX ix_reputation_events_member ON reputation_events (member_id, created_at);
CREATE INDEX ix_reputation_events_post ON reputation_events (post_id, member_id);
CREATE INDEX ix_reputation_events_created ON reputation_events (created_at);

-- Every change of Helper status, automatic or by staff, with who and why.
CREATE TABLE helper_changes (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id BIGINT NOT NULL,
  helper BOOLEAN NOT NULL,
  source VARCHAR(16) NOT NULL,
  actor_id BIGINT NULL,
  reason VARCHAR(300) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_helper_changes_member FOREIGN KEY (member_id) REFERENCES members (id)
);

CREATE INDEX ix_helper_changes_member ON helper_changes (member_id, created_at);

CREATE TABLE moderation_strikes (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id BIGINT NOT NULL,
  staff_id BIGINT NOT NULL,
  reason VARCHAR(300) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_moderation_strikes_member FOREIGN KEY (member_id) REFERENCES members (id)
);

CREATE INDEX ix_moderation_strikes_member ON moderation_strikes (member_id, created_at);

CREATE TABLE badges (
  member_id BIGINT NOT NULL,
  badge VARCHAR(32) NOT NULL,
  awarded_at DATETIME(6) NOT NULL,
  PRIMARY KEY (member_id, badge),
  CONSTRAINT fk_badges_member FOREIGN KEY (member_id) REFERENCES members (id)
);

CREATE TABLE notifications (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id BIGINT NOT NULL,
  message VARCHAR(300) NOT NULL,
  link VARCHAR(300) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  read_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_notifications_member FOREIGN KEY (member_id) REFERENCES members (id)
);

CREATE INDEX ix_notifications_member ON notifications (member_id, read_at);

-- A question asked in its author's first days is marked, and comes first in the Helpers' queue.
ALTER TABLE questions ADD COLUMN from_newcomer BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ix_questions_unanswered ON questions (answer_count, from_newcomer, id);

-- When an answer was accepted or verified, for the leaderboard's periods.
ALTER TABLE questions ADD COLUMN accepted_at DATETIME(6) NULL;
