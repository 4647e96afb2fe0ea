-- Recipients a push provider condemned (APNs/FCM unregistered tokens, expired Web Push subscriptions), per channel:
-- recorded in the delivery settle, checked once per delivery batch so later sends fail without a request, listed by
-- GET /api/v1/invalid-recipients. message_attempts gets the provider's message id of each attempt (nullable, no
-- default: a catalogue-only change on a large table).
CREATE TABLE "invalid_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"recipient" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"invalid_since" timestamp (3) with time zone,
	"message_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_attempts" ADD COLUMN "provider_message_id" text;--> statement-breakpoint
ALTER TABLE "invalid_recipients" ADD CONSTRAINT "invalid_recipients_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invalid_recipients_recipient_channel_key" ON "invalid_recipients" USING btree ("recipient","channel_id");--> statement-breakpoint
CREATE INDEX "invalid_recipients_created_at_idx" ON "invalid_recipients" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "invalid_recipients_channel_created_idx" ON "invalid_recipients" USING btree ("channel_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);