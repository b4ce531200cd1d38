-- Trust and safety: flags, the review queue, sanctions and the moderation log.

-- A post out of public view while it waits for a decision: 'held' (pre-moderation or the spam defence caught it; its
-- author still sees it) or 'hidden' (flags hid it). Such a post also carries deleted_at, so every public read already
-- leaves it out; review_state says why.
ALTER TABLE posts ADD COLUMN review_state VARCHAR(8) NULL;

-- Sanctions in force, read with the session: a suspended member cannot sign in, a silenced one cannot post.
ALTER TABLE members ADD COLUMN suspended_until DATETIME(6) NULL;
ALTER TABLE members ADD COLUMN suspension_reason VARCHAR(500) NULL;
ALTER TABLE members ADD COLUMN silenced_until DATETIME(6) NULL;
-- A warning the member has not acknowledged yet: every page shows it until they do.
ALTER TABLE members ADD COLUMN warning_pending BOOLEAN NOT NULL DEFAULT FALSE;

-- A member's flag on a question or answer (comment_id 0) or on one of its comments; one per member and target.
CREATE TABLE flags (
  id BIGINT NOT NULL AUTO_INCREMENT,
  post_id BIGINT NOT NULL,
  comment_id BIGINT NOT NULL DEFAULT 0,
  flagger_id BIGINT NOT NULL,
  reason VARCHAR(12) NOT NULL,
  note VARCHAR(500) NOT NULL DEFAULT '',
  trusted BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL,
  outcome VARCHAR(12) NULL,
  resolved_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_flags_target_flagger UNIQUE (post_id, comment_id, flagger_id),
  CONSTRAINT fk_flags_post FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT fk_flags_flagger FOREIGN KEY (flagger_id) REFERENCES members (id)
);

CREATE INDEX ix_flags_flagger ON flags (flagger_id, created_at);

-- What waits for a reviewer: a flagged, held or caught post (or comment), with the reasons, until decided.
CREATE TABLE review_items (
  id BIGINT NOT NULL AUTO_INCREMENT,
  post_id BIGINT NOT NULL,
  comment_id BIGINT NOT NULL DEFAULT 0,
  author_id BIGINT NOT NULL,
  kind VARCHAR(8) NOT NULL,
  reasons VARCHAR(2000) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  decision VARCHAR(12) NULL,
  decided_by BIGINT NULL,
  decided_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_review_items_post FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT fk_review_items_author FOREIGN KEY (author_id) REFERENCES members (id)
);

CREATE INDEX ix_review_items_open ON review_items (decided_at, created_at);
CREATE INDEX ix_review_items_post ON review_items (post_id, comment_id, decided_at);
CREATE INDEX ix_review_items_author ON review_items (author_id, decided_at);

-- Warn, silence and suspend: a warning waits for the member's acknowledgement; the others last until 'until'.
CREATE TABLE sanctions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id BIGINT NOT NULL,
  kind VARCHAR(8) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  until_at DATETIME(6) NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  acknowledged_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_sanctions_member FOREIGN KEY (member_id) REFERENCES members (id)
);

CREATE INDEX ix_sanctions_member ON sanctions (member_id, created_at);

-- Every staff and Helper action, written once and never updated: who, what, to whom, about which post, why, when.
CREATE TABLE moderation_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  actor_id BIGINT NULL,
  action VARCHAR(24) NOT NULL,
  member_id BIGINT NULL,
  post_id BIGINT NULL,
  reason VARCHAR(1000) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
);

CREATE INDEX ix_moderation_log_time ON moderation_log (created_at);
CREATE INDEX ix_moderation_log_actor ON moderation_log (actor_id, created_at);
