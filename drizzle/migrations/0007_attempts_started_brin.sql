DROP INDEX "message_attempts_started_idx";--> statement-breakpoint
CREATE INDEX "message_attempts_started_idx" ON "message_attempts" USING brin ("started_at") WITH (autosummarize=true);