CREATE TABLE "lists"."inbox" (
	"source" text NOT NULL,
	"event_id" bigint NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_source_event_id_pk" PRIMARY KEY("source","event_id")
);
--> statement-breakpoint
CREATE TABLE "lists"."objection_holds" (
	"listing_id" uuid NOT NULL,
	"objection_id" uuid NOT NULL,
	"filed_on" date NOT NULL,
	CONSTRAINT "objection_holds_listing_id_objection_id_pk" PRIMARY KEY("listing_id","objection_id")
);
--> statement-breakpoint
ALTER TABLE "lists"."jurisdictions" ADD COLUMN "objection_working_days" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "lists"."jurisdictions" ADD COLUMN "repair_working_days" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "lists"."jurisdictions" ADD COLUMN "minor_repair_months" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "lists"."jurisdictions" ADD COLUMN "ordinary_repair_months" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "lists"."jurisdictions" ADD COLUMN "serious_repair_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "lists"."objection_holds" ADD CONSTRAINT "objection_holds_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "lists"."listings"("id") ON DELETE no action ON UPDATE no action;