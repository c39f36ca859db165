CREATE TABLE "lists"."listing_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"listing_id" uuid NOT NULL,
	"status" text NOT NULL,
	"on" date NOT NULL,
	"reason" text,
	"by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lists"."listings" ADD COLUMN "withdrawn_on" date;--> statement-breakpoint
ALTER TABLE "lists"."listing_history" ADD CONSTRAINT "listing_history_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "lists"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listing_history_listing_id_index" ON "lists"."listing_history" USING btree ("listing_id");