CREATE TABLE "lists"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lists"."outbox_cursors" (
	"subscriber" text PRIMARY KEY NOT NULL,
	"last_event_id" bigint NOT NULL
);
