-- customer-erased names the customer only by their keyed pseudonym (the key is a deployment secret, so it
-- cannot be computed here): each customer contact keeps its pseudonym, written by the service when the
-- contact is saved, and at startup for contacts saved before this column existed.
ALTER TABLE contact ADD COLUMN customer_pseudonym VARCHAR(64);
CREATE INDEX contact_customer_pseudonym ON contact (customer_pseudonym) WHERE customer_pseudonym IS NOT NULL;
