-- Agents' replies mailed to customers in their thread (EmailReplyPlanner, EmailSender): the Message-IDs the
-- mail answers (In-Reply-To) and the thread's (References, space-separated), each with angle brackets, as sent.
-- Null for every other delivery.
ALTER TABLE delivery ADD COLUMN mail_in_reply_to TEXT;
ALTER TABLE delivery ADD COLUMN mail_references TEXT;
