CREATE TABLE "cases"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases"."outbox_cursors" (
	"subscriber" text PRIMARY KEY NOT NULL,
	"last_event_id" bigint NOT NULL,
	"last_txid" "xid8" DEFAULT '0'::xid8 NOT NULL
);
