-- Search follows the database through an outbox: a write that changes what search shows adds a row here in
-- the same transaction; the indexer reads the rows, updates Lucene, commits it, and only then deletes them.
CREATE TABLE search_outbox (
  id BIGINT NOT NULL AUTO_INCREMENT,
  kind VARCHAR(12) NOT NULL, -- 'question', 'faq', or 'rebuild' (the whole index)
  ref_id BIGINT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
);

-- Staff-edited synonyms, applied when a search is analysed: one group per row, in Solr's synonym syntax
-- ("nw1, northwind one" for equivalent terms, "np => northwind pro" for a one-way mapping).
CREATE TABLE search_synonyms (
  id BIGINT NOT NULL AUTO_INCREMENT,
  rule VARCHAR(500) NOT NULL,
  updated_by BIGINT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
);

-- Every search made on the search page: what was asked, how many results, what the first page showed.
CREATE TABLE search_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  token CHAR(22) NOT NULL,          -- names this search in search_opens
  browser CHAR(16) NOT NULL,        -- a hash of the browser's cookie token: groups one visitor's searches
  member_id BIGINT NULL,
  query VARCHAR(200) NOT NULL,
  filters VARCHAR(200) NOT NULL DEFAULT '',
  page INT NOT NULL DEFAULT 1,
  result_count INT NOT NULL,
  shown VARCHAR(400) NOT NULL DEFAULT '', -- the results on the page, in order: "f3 q12 q40"
  suggestion VARCHAR(200) NULL,     -- the "did you mean" offered, if any
  took_micros INT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_search_log_token UNIQUE (token)
);

CREATE INDEX ix_search_log_created ON search_log (created_at);
CREATE INDEX ix_search_log_zero ON search_log (result_count, created_at);

-- A result opened from a search page.
CREATE TABLE search_opens (
  id BIGINT NOT NULL AUTO_INCREMENT,
  search_token CHAR(22) NOT NULL,
  target VARCHAR(24) NOT NULL,      -- "q12" or "f3"
  position INT NOT NULL,            -- 1 for the first result of the first page
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
);

CREATE INDEX ix_search_opens_token ON search_opens (search_token);

-- What happened while a member wrote a question, for measuring deflection: suggestions shown, one opened,
-- the question posted anyway, or the ask page left without posting. One ask_session per visit of the page.
CREATE TABLE ask_events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  ask_session CHAR(22) NOT NULL,
  browser CHAR(16) NOT NULL,
  member_id BIGINT NULL,
  event VARCHAR(12) NOT NULL,       -- 'shown', 'opened', 'posted', 'left'
  title VARCHAR(200) NOT NULL DEFAULT '',
  shown VARCHAR(400) NOT NULL DEFAULT '', -- the suggestions on screen at that moment: "f3 q12 q40"
  target VARCHAR(24) NULL,          -- the suggestion opened
  question_id BIGINT NULL,          -- the question posted
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
);

CREATE INDEX ix_ask_events_session ON ask_events (ask_session, created_at);
CREATE INDEX ix_ask_events_created ON ask_events (created_at);

CREATE TABLE faq_sections (
  id BIGINT NOT NULL AUTO_INCREMENT,
  slug VARCHAR(80) NOT NULL,
  title VARCHAR(120) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_faq_sections_slug UNIQUE (slug)
);

CREATE TABLE faq_entries (
  id BIGINT NOT NULL AUTO_INCREMENT,
  section_id BIGINT NOT NULL,
  position INT NOT NULL DEFAULT 0,
  question VARCHAR(200) NOT NULL,
  slug VARCHAR(200) NOT NULL,
  answer_md MEDIUMTEXT NOT NULL,
  answer_html MEDIUMTEXT NOT NULL,
  source_question_id BIGINT NULL,   -- the Q&A the entry was promoted from
  source_answer_id BIGINT NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_by BIGINT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  reviewed_by BIGINT NULL,
  reviewed_at DATETIME(6) NULL,
  retired_at DATETIME(6) NULL,
  retired_by BIGINT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_faq_entries_section FOREIGN KEY (section_id) REFERENCES faq_sections (id),
  CONSTRAINT fk_faq_entries_question FOREIGN KEY (source_question_id) REFERENCES questions (id),
  CONSTRAINT fk_faq_entries_created_by FOREIGN KEY (created_by) REFERENCES members (id),
  CONSTRAINT fk_faq_entries_updated_by FOREIGN KEY (updated_by) REFERENCES members (id),
  CONSTRAINT fk_faq_entries_reviewed_by FOREIGN KEY (reviewed_by) REFERENCES members (id)
);

CREATE INDEX ix_faq_entries_section ON faq_entries (section_id, position);
