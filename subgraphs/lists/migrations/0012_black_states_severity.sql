-- Blacklistings proposed before severity was required count as SERIOUS: the blacklist is the list
-- of serious dishonesty (严重失信主体名单), so repair opens after a year, not 3 months, and publication
-- ends 3 years after the decision (national repair rules, domain.md §6).
UPDATE "lists"."listings" SET "severity" = 'SERIOUS' WHERE "list_type" = 'BLACK' AND "severity" IS NULL;--> statement-breakpoint
ALTER TABLE "lists"."listings" ADD CONSTRAINT "black_states_severity" CHECK ("lists"."listings"."list_type" <> 'BLACK' or "lists"."listings"."severity" is not null);
