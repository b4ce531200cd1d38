-- One outbox for every side effect that leaves a transaction (search indexing now; email, notification fan-out and
-- webhooks next): a row is written in the same transaction as its cause, a worker per topic handles it and deletes
-- it only after success. A failure is tried again after a growing pause; after the last attempt the row stays with
-- failed_at set and its error, shown to admins at /admin/outbox until they retry or discard it.
CREATE TABLE outbox (
  id BIGINT NOT NULL AUTO_INCREMENT,
  topic VARCHAR(40) NOT NULL,
  ref_id BIGINT NOT NULL DEFAULT 0,
  payload MEDIUMTEXT NULL,
  created_at DATETIME(6) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NULL,
  last_error VARCHAR(2000) NULL,
  failed_at DATETIME(6) NULL,
  PRIMARY KEY (id)
);

CREATE INDEX ix_outbox_topic ON outbox (topic, failed_at, id);

INSERT INTO outbox (topic, ref_id, payload, created_at)
  SELECT 'search', ref_id, kind, created_at FROM search_outbox ORDER BY id;

DROP TABLE search_outbox;
