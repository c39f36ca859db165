CREATE TABLE "measures"."changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"business_date" date,
	"listing_id" uuid,
	"subject_id" uuid,
	"dispatch_id" uuid,
	"execution_id" uuid,
	"objection_id" uuid,
	"repair_id" uuid,
	"case_id" uuid,
	"measure_code" text,
	"department_code" text,
	"public" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "changes_txid_id_index" ON "measures"."changes" USING btree ("txid","id");