CREATE TABLE "lists"."expiry_notices" (
	"listing_id" uuid PRIMARY KEY NOT NULL,
	"expires_on" date NOT NULL,
	"due_on" date NOT NULL,
	"noticed_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lists"."expiry_notices" ADD CONSTRAINT "expiry_notices_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "lists"."listings"("id") ON DELETE no action ON UPDATE no action;