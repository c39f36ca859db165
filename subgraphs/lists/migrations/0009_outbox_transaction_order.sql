ALTER TABLE "lists"."outbox" ADD COLUMN "txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "lists"."outbox_cursors" ADD COLUMN "last_txid" "xid8" DEFAULT '0'::xid8 NOT NULL;--> statement-breakpoint
-- Events written before this migration all carry its transaction; cursors start there, so nothing is sent twice.
UPDATE "lists"."outbox_cursors" SET "last_txid" = pg_current_xact_id();
