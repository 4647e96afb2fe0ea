CREATE TABLE "channel_holds" (
	"channel_id" uuid PRIMARY KEY NOT NULL,
	"until" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "rate_limited_since" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "channel_holds" ADD CONSTRAINT "channel_holds_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;