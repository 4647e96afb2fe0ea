'use client';

import type { ReactNode } from 'react';
import { useFormState } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { errorMessage } from '@/lib/client/api';

interface FormAlertsProps {
  /** The save mutation's error: the API's problem (its field errors also show next to the fields). */
  error: unknown;
  /** Shown after a successful save that stays on the page ("Saved."). */
  saved?: ReactNode;
}

/** The notices above a form: the server's answer, a pointer to the fields the form's own check flagged, success. */
export function FormAlerts({ error, saved }: FormAlertsProps) {
  const { errors, submitCount } = useFormState();
  const flagged = !error && submitCount > 0 && Object.keys(errors).length > 0;
  return (
    <>
      {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
      {flagged ? <Alert tone="error">Fix the highlighted fields.</Alert> : null}
      {saved ? (
        <Alert tone="success" role="status">
          {saved}
        </Alert>
      ) : null}
    </>
  );
}
