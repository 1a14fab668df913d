CREATE TABLE "background_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"user_id" uuid NOT NULL,
	"subject_id" text,
	"state" text DEFAULT 'queued' NOT NULL,
	"progress" jsonb,
	"result" jsonb,
	"error_code" text,
	"error_params" jsonb,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "background_jobs_state" CHECK ("background_jobs"."state" = ANY (ARRAY['queued', 'running', 'done', 'failed']::text[]))
);
--> statement-breakpoint
CREATE INDEX "background_jobs_subject_idx" ON "background_jobs" USING btree ("subject_id","user_id") WHERE subject_id is not null;--> statement-breakpoint
CREATE INDEX "background_jobs_running_idx" ON "background_jobs" USING btree ("heartbeat_at") WHERE state = 'running';