-- Webhooks: an admin subscribes a URL to events (question asked, answer accepted, ...). A feature emits an event as
-- an outbox entry (topic 'webhook') in its own transaction; the webhooks worker fans it out into one delivery per
-- matching subscription (a row here and an outbox entry 'webhook-delivery' each), so one failing endpoint never
-- holds back another. Deliveries stay as the log admins read at /admin/webhooks/{id}.
CREATE TABLE webhook_subscriptions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  url VARCHAR(2000) NOT NULL,
  events VARCHAR(1000) NOT NULL,        -- the event types, separated by spaces
  format VARCHAR(16) NOT NULL,          -- standard (Standard Webhooks JSON) or slack (a Slack-compatible message)
  secret VARCHAR(100) NOT NULL,         -- whsec_<base64>: signs every delivery, shown once at creation
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created_by BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
);

CREATE TABLE webhook_deliveries (
  id BIGINT NOT NULL AUTO_INCREMENT,
  subscription_id BIGINT NOT NULL,
  message_id VARCHAR(40) NOT NULL,      -- webhook-id: the same for every attempt and a "send again" of one event
  event_type VARCHAR(40) NOT NULL,
  payload MEDIUMTEXT NOT NULL,          -- the event as JSON (type, timestamp, data)
  status VARCHAR(12) NOT NULL DEFAULT 'pending', -- pending, delivered, retrying, failed
  attempts INT NOT NULL DEFAULT 0,
  response_code INT NULL,               -- the receiver's HTTP status of the last attempt
  last_error VARCHAR(500) NULL,
  created_at DATETIME(6) NOT NULL,
  attempted_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_webhook_deliveries_subscription FOREIGN KEY (subscription_id)
    REFERENCES webhook_subscriptions (id) ON DELETE CASCADE
);

CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
