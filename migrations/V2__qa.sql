-- Questions and answers share posts: votes, comments, revisions and deletion work on either.
CREATE TABLE posts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  kind VARCHAR(8) NOT NULL,
  question_id BIGINT NULL,
  author_id BIGINT NOT NULL,
  body_md MEDIUMTEXT NOT NULL,
  body_html MEDIUMTEXT NOT NULL,
  score INT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL,
  edited_at DATETIME(6) NULL,
  deleted_at DATETIME(6) NULL,
  deleted_by BIGINT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_posts_author FOREIGN KEY (author_id) REFERENCES members (id)
);

CREATE INDEX ix_posts_question ON posts (question_id, score);
CREATE INDEX ix_posts_author ON posts (author_id, created_at);

CREATE TABLE questions (
  id BIGINT NOT NULL,
  title VARCHAR(200) NOT NULL,
  slug VARCHAR(200) NOT NULL,
  excerpt VARCHAR(300) NOT NULL DEFAULT '',
  category_id BIGINT NULL,
  answer_count INT NOT NULL DEFAULT 0,
  view_count BIGINT NOT NULL DEFAULT 0,
  last_activity_at DATETIME(6) NOT NULL,
  accepted_answer_id BIGINT NULL,
  verified_answer_id BIGINT NULL,
  verified_by BIGINT NULL,
  verified_at DATETIME(6) NULL,
  verified_note VARCHAR(300) NULL,
  closed_at DATETIME(6) NULL,
  closed_by BIGINT NULL,
  close_reason VARCHAR(300) NULL,
  duplicate_of BIGINT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_questions_post FOREIGN KEY (id) REFERENCES posts (id),
  CONSTRAINT fk_questions_category FOREIGN KEY (category_id) REFERENCES categories (id)
);

CREATE INDEX ix_questions_activity ON questions (last_activity_at);
CREATE INDEX ix_questions_category ON questions (category_id, last_activity_at);

CREATE TABLE tags (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(35) NOT NULL,
  question_count INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_tags_name UNIQUE (name)
);

CREATE TABLE question_tags (
  question_id BIGINT NOT NULL,
  tag_id BIGINT NOT NULL,
  PRIMARY KEY (question_id, tag_id),
  CONSTRAINT fk_question_tags_question FOREIGN KEY (question_id) REFERENCES questions (id),
  CONSTRAINT fk_question_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id)
);

CREATE INDEX ix_question_tags_tag ON question_tags (tag_id, question_id);

CREATE TABLE votes (
  post_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  value TINYINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (post_id, member_id),
  CONSTRAINT fk_votes_post FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT fk_votes_member FOREIGN KEY (member_id) REFERENCES members (id)
);

CREATE TABLE comments (
  id BIGINT NOT NULL AUTO_INCREMENT,
  post_id BIGINT NOT NULL,
  author_id BIGINT NOT NULL,
  body VARCHAR(600) NOT NULL,
  body_html TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  deleted_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_comments_post FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT fk_comments_author FOREIGN KEY (author_id) REFERENCES members (id)
);

CREATE INDEX ix_comments_post ON comments (post_id, created_at);

-- Every version of a post, the first one included: who, when, what, why.
CREATE TABLE revisions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  post_id BIGINT NOT NULL,
  number INT NOT NULL,
  editor_id BIGINT NOT NULL,
  title VARCHAR(200) NULL,
  tags VARCHAR(200) NULL,
  body_md MEDIUMTEXT NOT NULL,
  reason VARCHAR(300) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_revisions_number UNIQUE (post_id, number),
  CONSTRAINT fk_revisions_post FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT fk_revisions_editor FOREIGN KEY (editor_id) REFERENCES members (id)
);
