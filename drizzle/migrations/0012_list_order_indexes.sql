-- The channel and API key lists page newest first as `created_at DESC NULLS LAST, id DESC NULLS LAST` with a
-- row-comparison cursor (lib/api/pagination.ts); ascending indexes on created_at alone matched neither the NULLS
-- placement nor the tie-break, so every page sorted the whole table. As 0010 did for messages.
DROP INDEX "channels_created_at_idx";--> statement-breakpoint
DROP INDEX "api_keys_created_at_idx";--> statement-breakpoint
CREATE INDEX "channels_created_at_idx" ON "channels" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "api_keys_created_at_idx" ON "api_keys" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);