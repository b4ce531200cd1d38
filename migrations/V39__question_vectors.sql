-- Each question's sentence-embedding vector (issue 23), computed by the outbox worker of topic "vectors" after a
-- write and kept here, the source of truth, so a rebuild of the search index reads them instead of computing them
-- again. model names the model that computed it (a vector of another model is recomputed in the background);
-- text_hash is the SHA-256 of the text it was computed from (title and the start of the body), so a change that
-- leaves the text alone (a vote, an answer) computes nothing; vector is the float32 values, little-endian.
CREATE TABLE question_vectors (
  question_id BIGINT NOT NULL,
  model VARCHAR(200) NOT NULL,
  text_hash BINARY(32) NOT NULL,
  vector BLOB NOT NULL,
  computed_at DATETIME(6) NOT NULL,
  PRIMARY KEY (question_id)
);
