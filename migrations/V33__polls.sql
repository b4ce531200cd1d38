-- Polls carried by an idea, an announcement or a question: single or multiple choice, an optional closing time;
-- poll_voters holds one row per member, so a second vote is refused by the key.
CREATE TABLE polls (
  id BIGINT NOT NULL AUTO_INCREMENT,
  subject_kind VARCHAR(12) NOT NULL,    -- idea, announcement or question
  subject_id BIGINT NOT NULL,
  question VARCHAR(200) NOT NULL,
  multiple BOOLEAN NOT NULL DEFAULT FALSE,
  closes_at DATETIME(6) NULL,           -- UTC
  created_by BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_polls_subject UNIQUE (subject_kind, subject_id),
  CONSTRAINT fk_polls_created_by FOREIGN KEY (created_by) REFERENCES members (id)
);

CREATE TABLE poll_options (
  id BIGINT NOT NULL AUTO_INCREMENT,
  poll_id BIGINT NOT NULL,
  position INT NOT NULL,
  label VARCHAR(120) NOT NULL,
  vote_count INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT fk_poll_options_poll FOREIGN KEY (poll_id) REFERENCES polls (id)
);

CREATE TABLE poll_voters (
  poll_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  voted_at DATETIME(6) NOT NULL,
  PRIMARY KEY (poll_id, member_id),
  CONSTRAINT fk_poll_voters_poll FOREIGN KEY (poll_id) REFERENCES polls (id),
  CONSTRAINT fk_poll_voters_member FOREIGN KEY (member_id) REFERENCES members (id)
);

CREATE TABLE poll_choices (
  poll_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  option_id BIGINT NOT NULL,
  PRIMARY KEY (poll_id, member_id, option_id),
  CONSTRAINT fk_poll_choices_voter FOREIGN KEY (poll_id, member_id) REFERENCES poll_voters (poll_id, member_id),
  CONSTRAINT fk_poll_choices_option FOREIGN KEY (option_id) REFERENCES poll_options (id)
);
