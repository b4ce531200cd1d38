-- Community insight (issue 18): daily roll-ups, cookie-free visitor counts, "did this solve your problem?", and the
-- staff who asked for the weekly report.

-- Range reads by date for the dashboard and its roll-ups.
CREATE INDEX ix_posts_kind_created ON posts (kind, created_at);
CREATE INDEX ix_posts_question_kind ON posts (question_id, kind, created_at);
CREATE INDEX ix_comments_created ON comments (created_at);
CREATE INDEX ix_votes_created ON votes (created_at);
CREATE INDEX ix_members_created ON members (created_at);

-- What happened on one day (UTC) in one category (0: questions without one), counted once the day is over.
CREATE TABLE insight_days (
  day DATE NOT NULL,
  category_id BIGINT NOT NULL,
  questions INT NOT NULL DEFAULT 0,
  answers INT NOT NULL DEFAULT 0,
  comments INT NOT NULL DEFAULT 0,
  votes INT NOT NULL DEFAULT 0,
  helper_answers INT NOT NULL DEFAULT 0,
  rolled_at DATETIME(6) NOT NULL,
  PRIMARY KEY (day, category_id)
);

-- The site-wide figures of one day: members who joined, members who posted for the first time, visitors.
CREATE TABLE insight_site_days (
  day DATE NOT NULL,
  new_members INT NOT NULL DEFAULT 0,
  first_posters INT NOT NULL DEFAULT 0,
  visitors INT NOT NULL DEFAULT 0,
  rolled_at DATETIME(6) NOT NULL,
  PRIMARY KEY (day)
);

-- Days whose roll-up must be counted again (a post of that day was deleted or restored later).
CREATE TABLE insight_dirty_days (
  day DATE NOT NULL,
  PRIMARY KEY (day)
);

-- Visitors of the current day, without cookies: a hash of the day's secret salt, the address and the browser. The
-- salt of a day is deleted once the day is counted, and its hashes with it, so no visitor can be recognised later.
CREATE TABLE insight_salts (
  day DATE NOT NULL,
  salt CHAR(64) NOT NULL,
  PRIMARY KEY (day)
);

CREATE TABLE insight_visits (
  day DATE NOT NULL,
  visitor CHAR(32) NOT NULL,
  PRIMARY KEY (day, visitor)
);

-- "Did this solve your problem?" under a question with an accepted or verified answer: once per reader. A member
-- is 'm<id>'; a visitor is the hash of the day's salt, address, browser and question, never the raw values.
-- source 'asker' is the asker's own follow-up (the notifications feature's "still unsolved?" question).
CREATE TABLE insight_satisfaction (
  id BIGINT NOT NULL AUTO_INCREMENT,
  question_id BIGINT NOT NULL,
  voter VARCHAR(64) NOT NULL,
  member_id BIGINT NULL,
  source VARCHAR(8) NOT NULL DEFAULT 'reader',
  solved BOOLEAN NOT NULL,
  reason VARCHAR(300) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_insight_satisfaction_voter UNIQUE (question_id, voter),
  CONSTRAINT fk_insight_satisfaction_question FOREIGN KEY (question_id) REFERENCES questions (id)
);

CREATE INDEX ix_insight_satisfaction_created ON insight_satisfaction (created_at);

-- Staff who receive the weekly report by email.
CREATE TABLE insight_report_subscribers (
  member_id BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (member_id),
  CONSTRAINT fk_insight_report_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);
