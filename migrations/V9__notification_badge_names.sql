-- Notifications moved to their own package, which does not know badges: a badge notification now stores the
-- badge's name as a message key (@badge=badges.first_answer), translated when shown, instead of the badge's code.
UPDATE notifications
   SET message = CONCAT('notifications.badge?%40badge=badges.', LOWER(SUBSTRING(message, 27)))
 WHERE message LIKE 'notifications.badge?badge=%';
