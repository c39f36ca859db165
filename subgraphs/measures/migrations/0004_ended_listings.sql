CREATE TABLE "measures"."ended_listings" (
	"listing_id" uuid PRIMARY KEY NOT NULL,
	"ended_on" date,
	"reason" text NOT NULL
);
--> statement-breakpoint
-- Entries whose dispatches were lifted before this table existed have left their list.
INSERT INTO "measures"."ended_listings" ("listing_id", "reason") SELECT "listing_id", min("lifted_reason") FROM "measures"."dispatches" WHERE "status" = 'LIFTED' AND "lifted_reason" IS NOT NULL GROUP BY "listing_id" ON CONFLICT DO NOTHING;
