CREATE TABLE "lists"."objection_filings" (
	"objection_id" uuid PRIMARY KEY NOT NULL,
	"listing_id" uuid NOT NULL,
	"filed_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lists"."objection_filings" ADD CONSTRAINT "objection_filings_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "lists"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "objection_filings_filed_on_index" ON "lists"."objection_filings" USING btree ("filed_on");