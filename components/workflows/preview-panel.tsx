'use client';

import Link from 'next/link';
import { useState } from 'react';
import { parseJsonObject } from '@/components/data/json-text';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { describedBy, Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { errorMessage } from '@/lib/client/api';
import { PreviewSteps } from './preview-steps';
import { usePreviewWorkflow, useTriggerWorkflow } from './queries';

const SAMPLE = '{\n  "email": "ada@example.com",\n  "name": "Ada"\n}';

/** Renders the saved workflow with sample data (sends nothing), or starts a real run with the same data. */
export function PreviewPanel({ workflowKey }: { workflowKey: string }) {
  const isAdmin = useIsAdmin();
  const preview = usePreviewWorkflow(workflowKey);
  const trigger = useTriggerWorkflow(workflowKey);
  const [sample, setSample] = useState(SAMPLE);
  const [sampleError, setSampleError] = useState<string>();

  function withData(run: (data: Record<string, unknown>) => void) {
    const parsed = parseJsonObject(sample);
    setSampleError(parsed.ok ? undefined : `Sample data ${parsed.error}`);
    if (parsed.ok) run(parsed.value as Record<string, unknown>);
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Preview</CardTitle>
        <CardDescription>Renders the saved steps with sample data; nothing is sent.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <Field
          id="preview-sample"
          label="Sample data (JSON)"
          error={sampleError}
          hint="Available to templates as data."
        >
          <Textarea
            id="preview-sample"
            rows={6}
            spellCheck={false}
            className="font-mono text-xs"
            value={sample}
            onChange={(e) => setSample(e.target.value)}
            {...describedBy('preview-sample', sampleError, true)}
          />
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            onClick={() => withData((data) => preview.mutate(data))}
            disabled={preview.isPending}
          >
            {preview.isPending ? 'Rendering…' : 'Preview'}
          </Button>
          {isAdmin ? (
            <Button onClick={() => withData((data) => trigger.mutate(data))} disabled={trigger.isPending}>
              {trigger.isPending ? 'Starting…' : 'Trigger now'}
            </Button>
          ) : null}
        </div>
        {trigger.isError ? <Alert tone="error">{errorMessage(trigger.error)}</Alert> : null}
        {trigger.data ? (
          <Alert tone="success" role="status" title="Run started">
            Run id <code className="font-mono text-xs">{trigger.data.run_id}</code>.{' '}
            <Link href={`/messages?workflow_id=${trigger.data.workflow_id}`} className="underline">
              Follow its deliveries
            </Link>
          </Alert>
        ) : null}
        {preview.isError ? <Alert tone="error">{errorMessage(preview.error)}</Alert> : null}
        {preview.data ? <PreviewSteps steps={preview.data.steps} /> : null}
      </CardContent>
    </Card>
  );
}
