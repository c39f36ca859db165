ALTER TABLE "objections"."objections" ADD COLUMN "further_remedy" text;--> statement-breakpoint
ALTER TABLE "objections"."objections" ADD COLUMN "further_remedy_outcome" text;--> statement-breakpoint
ALTER TABLE "objections"."objections" ADD COLUMN "further_remedy_decided_on" date;--> statement-breakpoint
ALTER TABLE "objections"."objections" ADD COLUMN "further_remedy_reference" text;