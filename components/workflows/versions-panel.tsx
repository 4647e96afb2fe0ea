'use client';

import { useState } from 'react';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { DateTime } from '@/components/ui/date-time';
import { errorMessage } from '@/lib/client/api';
import type { WorkflowView } from './queries';
import { VersionDiff } from './versions-diff';
import { definitionText } from './versions-diff-lines';
import { useWorkflowVersion, type WorkflowVersionView } from './versions-queries';
import { RestoreVersionButton } from './versions-restore';

type View = 'compare' | 'definition';

/** Who saved a version, and when (relative; the exact time on hover). */
export function SavedBy({ version }: { version: WorkflowVersionView }) {
  return (
    <>
      {version.created_by.label ?? version.created_by.type} ·{' '}
      <DateTime value={version.created_at} relativeTime />
      {version.restored_from ? ` · restored from version ${version.restored_from}` : null}
    </>
  );
}

/** One version: compared with the current definition, or as saved; admins restore it from here. */
export function VersionPanel({
  workflow,
  version,
  onClose,
  onRestored,
}: {
  workflow: WorkflowView;
  version: number;
  onClose: () => void;
  onRestored: () => void;
}) {
  const isAdmin = useIsAdmin();
  const query = useWorkflowVersion(workflow.key, version);
  const [view, setView] = useState<View>('compare');
  const current = version === workflow.version;

  return (
    <Card aria-labelledby="version-panel-title">
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <CardTitle id="version-panel-title">
            Version {version}
            {current ? ' (current)' : null}
          </CardTitle>
          {query.data ? (
            <CardDescription>
              <SavedBy version={query.data} />
            </CardDescription>
          ) : null}
        </div>
        <Button variant="ghost" size="sm" onClick={onClose}>
          Close
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {query.isPending ? <p className="text-sm text-slate-500">Loading version {version}…</p> : null}
        {query.isError ? <Alert tone="error">{errorMessage(query.error)}</Alert> : null}
        {query.data ? (
          <>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <fieldset className="flex gap-1">
                <legend className="sr-only">Show</legend>
                {(['compare', 'definition'] as const).map((option) => (
                  <Button
                    key={option}
                    size="sm"
                    variant={view === option ? 'primary' : 'secondary'}
                    aria-pressed={view === option}
                    onClick={() => setView(option)}
                  >
                    {option === 'compare' ? 'Compare with current' : 'Definition'}
                  </Button>
                ))}
              </fieldset>
              {current ? (
                <p className="text-sm text-slate-600">This is the current version.</p>
              ) : isAdmin ? (
                <RestoreVersionButton workflow={workflow} version={version} onRestored={onRestored} />
              ) : null}
            </div>
            {view === 'compare' ? (
              <VersionDiff
                from={{ label: `version ${version}`, definition: query.data }}
                to={{ label: `the current version (${workflow.version})`, definition: workflow }}
              />
            ) : (
              <CodeBlock className="max-h-[32rem]">{definitionText(query.data)}</CodeBlock>
            )}
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
