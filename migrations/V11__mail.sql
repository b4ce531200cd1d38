-- Every email Townhall sends: written in the transaction of what causes it (with an outbox entry, topic 'mail'),
-- rendered and sent by the mail worker, kept afterwards so admins see what was sent at /admin/mail. With no SMTP
-- server configured a message is rendered and kept ('kept') instead of sent, so the demo's mail can be read there.
CREATE TABLE mail_messages (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id BIGINT NULL,
  to_address VARCHAR(254) NOT NULL,
  language VARCHAR(8) NOT NULL,
  template VARCHAR(64) NOT NULL,
  model MEDIUMTEXT NOT NULL,           -- the template's values, as JSON
  bulk BOOLEAN NOT NULL DEFAULT FALSE, -- carries List-Unsubscribe; not sent to an address that unsubscribed
  status VARCHAR(12) NOT NULL DEFAULT 'queued', -- queued, sent, kept (no SMTP), skipped (unsubscribed)
  subject VARCHAR(300) NULL,
  text_body MEDIUMTEXT NULL,
  html_body MEDIUMTEXT NULL,
  message_id VARCHAR(200) NULL,
  created_at DATETIME(6) NOT NULL,
  sent_at DATETIME(6) NULL,
  PRIMARY KEY (id)
);

CREATE INDEX ix_mail_messages_member ON mail_messages (member_id, id);

-- Addresses that asked for no more bulk mail (notification digests, announcements) with one click.
CREATE TABLE mail_unsubscribes (
  address VARCHAR(254) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (address)
);
