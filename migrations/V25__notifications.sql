-- Notifications say what they are about (kind, question, post), who caused them (actor) and which fanned-out event
-- made them (event_id: the notify outbox entry), so a fan-out that runs twice writes nothing twice, the list can
-- group "3 new answers to ...", and email knows what to send: mail is 'now' (send soon unless read on the site),
-- 'daily' or 'weekly' (wait for the digest), 'never' (site only), then 'sent' or 'read' (read before it was mailed).
-- The message holds a question's title (URL-encoded, up to six bytes a letter), so it grows.
ALTER TABLE notifications MODIFY message VARCHAR(2000) NOT NULL;
ALTER TABLE notifications ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'message';
ALTER TABLE notifications ADD COLUMN question_id BIGINT NULL;
ALTER TABLE notifications ADD COLUMN post_id BIGINT NULL;
ALTER TABLE notifications ADD COLUMN actor_id BIGINT NULL;
ALTER TABLE notifications ADD COLUMN event_id BIGINT NULL;
ALTER TABLE notifications ADD COLUMN mail VARCHAR(8) NOT NULL DEFAULT 'never';

CREATE UNIQUE INDEX uk_notifications_event ON notifications (event_id, member_id);
CREATE INDEX ix_notifications_mail ON notifications (mail, created_at);
CREATE INDEX ix_notifications_question ON notifications (member_id, question_id, read_at);

-- What a member follows or silences: a question, a tag, a category, or (for Helpers) the new unanswered questions
-- of a tag. watch_level 1 watches, -1 mutes; a mute wins over any watch.
CREATE TABLE watches (
  member_id BIGINT NOT NULL,
  target VARCHAR(12) NOT NULL,   -- question, tag, category, unanswered
  target_id BIGINT NOT NULL,
  watch_level TINYINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (member_id, target, target_id),
  CONSTRAINT fk_watches_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);

CREATE INDEX ix_watches_target ON watches (target, target_id, watch_level, member_id);

-- How a member wants each kind of notification by email: now, daily, weekly or never. No row: the kind's default.
CREATE TABLE notification_prefs (
  member_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  delivery VARCHAR(8) NOT NULL,
  PRIMARY KEY (member_id, kind),
  CONSTRAINT fk_notification_prefs_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);
