-- Announcements from staff, pinned on the home page (no category) or a category's page until a date; an
-- announcement with a start time is an event (time zone, place or link, an .ics download).
CREATE TABLE announcements (
  id BIGINT NOT NULL AUTO_INCREMENT,
  category_id BIGINT NULL,
  author_id BIGINT NOT NULL,
  title VARCHAR(200) NOT NULL,
  slug VARCHAR(200) NOT NULL,
  body_md MEDIUMTEXT NOT NULL,
  body_html MEDIUMTEXT NOT NULL,
  pinned_until DATETIME(6) NULL,        -- UTC
  starts_at DATETIME(6) NULL,           -- UTC; set for an event
  ends_at DATETIME(6) NULL,             -- UTC
  time_zone VARCHAR(60) NULL,           -- the event's zone, as shown (Europe/Prague)
  place VARCHAR(200) NULL,
  link VARCHAR(500) NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_announcements_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT fk_announcements_author FOREIGN KEY (author_id) REFERENCES members (id)
);

CREATE INDEX ix_announcements_pinned ON announcements (pinned_until);
CREATE INDEX ix_announcements_starts ON announcements (starts_at);
