ALTER TYPE "public"."message_status" ADD VALUE 'discarded';--> statement-breakpoint
CREATE TABLE "event_replays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"idempotency_key" text,
	"runs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actor_label" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sessions_valid_after" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "event_replays" ADD CONSTRAINT "event_replays_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_replays_event_key_key" ON "event_replays" USING btree ("event_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "event_replays_event_idx" ON "event_replays" USING btree ("event_id","created_at" DESC NULLS LAST);