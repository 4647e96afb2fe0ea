CREATE TABLE "workflow_versions" (
	"workflow_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"steps" jsonb NOT NULL,
	"enabled" boolean NOT NULL,
	"channel_names" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"restored_from" integer,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_versions_workflow_id_version_pk" PRIMARY KEY("workflow_id","version")
);
--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfill: a workflow saved before versions were kept gets one version, its definition now, numbered as its
-- current `version` (so runs' workflow_version still names it) and dated when it was last saved. Earlier
-- definitions were never stored and stay unknown.
INSERT INTO "workflow_versions" ("workflow_id", "version", "name", "description", "steps", "enabled", "channel_names", "actor_type", "actor_label", "created_at")
SELECT w."id", w."version", w."name", w."description", w."steps", w."enabled",
  COALESCE((
    SELECT jsonb_object_agg(c."id"::text, c."name")
    FROM "channels" c
    WHERE c."id"::text IN (
      SELECT s ->> 'channel_id' FROM jsonb_array_elements(w."steps") s
      UNION SELECT s ->> 'fallback_channel_id' FROM jsonb_array_elements(w."steps") s
    )
  ), '{}'::jsonb),
  'system', 'system', w."updated_at"
FROM "workflows" w
ON CONFLICT DO NOTHING;
