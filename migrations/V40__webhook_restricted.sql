-- Whether a webhook also hears events of questions and ideas in categories not everyone may see (staff only, members
-- only, a group): off unless an administrator chooses it, so such content leaves for another system only on purpose.
ALTER TABLE webhook_subscriptions ADD COLUMN restricted BOOLEAN NOT NULL DEFAULT FALSE;
