-- Watched words: a word, phrase or /regular expression/ and what a post containing it gets: block (refused with a
-- message), hold (waits for review), flag (published, and queued for review), replace (by the replacement) or listen
-- (no effect on the post; it shows in the staff's mentions feed).
CREATE TABLE watched_words (
  id BIGINT NOT NULL AUTO_INCREMENT,
  pattern VARCHAR(200) NOT NULL,
  action VARCHAR(8) NOT NULL,
  replacement VARCHAR(200) NOT NULL DEFAULT '',
  message VARCHAR(300) NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
);

-- A post in which a listened-for word was found.
CREATE TABLE mentions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  word_id BIGINT NOT NULL,
  pattern VARCHAR(200) NOT NULL,
  post_id BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_mentions_post FOREIGN KEY (post_id) REFERENCES posts (id)
);

CREATE INDEX ix_mentions_time ON mentions (created_at);
