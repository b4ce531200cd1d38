-- Ideas: a category can be an idea board, where members propose product ideas and vote for them once each; staff
-- answer with a status and an official response; a duplicate is merged into the idea that stays (merged_into).
CREATE TABLE idea_boards (
  category_id BIGINT NOT NULL,
  vote_budget INT NULL,                 -- open votes a member may hold on this board; NULL: the ideas.vote.budget setting
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (category_id),
  CONSTRAINT fk_idea_boards_category FOREIGN KEY (category_id) REFERENCES categories (id)
);

CREATE TABLE ideas (
  id BIGINT NOT NULL AUTO_INCREMENT,
  category_id BIGINT NOT NULL,
  author_id BIGINT NOT NULL,
  title VARCHAR(200) NOT NULL,
  slug VARCHAR(200) NOT NULL,
  body_md MEDIUMTEXT NOT NULL,
  body_html MEDIUMTEXT NOT NULL,
  tags VARCHAR(200) NOT NULL DEFAULT '', -- the tags, separated by spaces
  status VARCHAR(16) NOT NULL DEFAULT 'new', -- new, review, planned, progress, shipped, declined, exists
  status_at DATETIME(6) NOT NULL,
  response_md TEXT NULL,                -- the official response, shown at the top
  response_html TEXT NULL,
  response_by BIGINT NULL,
  vote_count INT NOT NULL DEFAULT 0,
  merged_into BIGINT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_ideas_category FOREIGN KEY (category_id) REFERENCES idea_boards (category_id),
  CONSTRAINT fk_ideas_author FOREIGN KEY (author_id) REFERENCES members (id),
  CONSTRAINT fk_ideas_response_by FOREIGN KEY (response_by) REFERENCES members (id),
  CONSTRAINT fk_ideas_merged_into FOREIGN KEY (merged_into) REFERENCES ideas (id)
);

CREATE INDEX ix_ideas_board ON ideas (category_id, vote_count);
CREATE INDEX ix_ideas_status ON ideas (status, status_at);

CREATE TABLE idea_tags (
  idea_id BIGINT NOT NULL,
  tag VARCHAR(35) NOT NULL,
  PRIMARY KEY (idea_id, tag),
  CONSTRAINT fk_idea_tags_idea FOREIGN KEY (idea_id) REFERENCES ideas (id)
);

CREATE INDEX ix_idea_tags_tag ON idea_tags (tag, idea_id);

CREATE TABLE idea_votes (
  idea_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (idea_id, member_id),
  CONSTRAINT fk_idea_votes_idea FOREIGN KEY (idea_id) REFERENCES ideas (id),
  CONSTRAINT fk_idea_votes_member FOREIGN KEY (member_id) REFERENCES members (id)
);

CREATE INDEX ix_idea_votes_member ON idea_votes (member_id, idea_id);
CREATE INDEX ix_idea_votes_recent ON idea_votes (created_at, idea_id);

CREATE TABLE idea_watchers (
  idea_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  PRIMARY KEY (idea_id, member_id),
  CONSTRAINT fk_idea_watchers_idea FOREIGN KEY (idea_id) REFERENCES ideas (id),
  CONSTRAINT fk_idea_watchers_member FOREIGN KEY (member_id) REFERENCES members (id)
);

-- Every status change, in the transaction that made it; the outbox worker tells voters and watchers and then sets
-- notified_at, so a worker that runs twice tells nobody twice.
CREATE TABLE idea_status_changes (
  id BIGINT NOT NULL AUTO_INCREMENT,
  idea_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  changed_by BIGINT NOT NULL,
  changed_at DATETIME(6) NOT NULL,
  notified_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_idea_status_changes_idea FOREIGN KEY (idea_id) REFERENCES ideas (id)
);
