ALTER TABLE "alert_rules" ADD COLUMN "notify_to" text;--> statement-breakpoint
ALTER TABLE "consumer_status" ADD COLUMN "state_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "message_attempts_started_idx" ON "message_attempts" USING btree ("started_at");