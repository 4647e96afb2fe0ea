import { Button, type ButtonProps } from '@/components/ui/button';

/** A form's submit button: disabled, and saying `pendingLabel`, while the form is being sent. */
export function SubmitButton({
  pending,
  pendingLabel,
  children,
  ...props
}: Omit<ButtonProps, 'type' | 'disabled'> & { pending: boolean; pendingLabel: string }) {
  return (
    <Button type="submit" disabled={pending} {...props}>
      {pending ? pendingLabel : children}
    </Button>
  );
}

/** The footer of a create-or-edit form: `createLabel` ("Create channel") for a new thing, else "Save changes". */
export function SaveFooter({
  pending,
  editing,
  createLabel,
}: {
  pending: boolean;
  editing: boolean;
  createLabel: string;
}) {
  return (
    <div>
      <SubmitButton pending={pending} pendingLabel="Saving…">
        {editing ? 'Save changes' : createLabel}
      </SubmitButton>
    </div>
  );
}
