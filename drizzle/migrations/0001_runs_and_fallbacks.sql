ALTER TABLE "workflow_runs" ADD COLUMN "steps" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "digest_key" text;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "context" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "fallback_channel_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "fallback_of_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_fallback_channel_id_channels_id_fk" FOREIGN KEY ("fallback_channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_fallback_of_id_messages_id_fk" FOREIGN KEY ("fallback_of_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_runs_digest_idx" ON "workflow_runs" USING btree ("workflow_id","digest_key") WHERE "workflow_runs"."digest_key" IS NOT NULL;