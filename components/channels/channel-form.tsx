'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { ConfigFields } from '@/components/config-form/config-fields';
import { errorsByField, initialConfigValues } from '@/components/config-form/config-values';
import { fieldsUnder, problemFields } from '@/components/data/form-errors';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { errorMessage } from '@/lib/client/api';
import { type ChannelFormState, initialFormState, toChannelInput } from './channel-form-state';
import { DeliverySettings } from './delivery-settings';
import { GenerateVapidKeysButton } from './generate-vapid-keys-button';
import { type ChannelView, type ProviderDescription, useCreateChannel, useUpdateChannel } from './queries';

interface ChannelFormProps {
  /** The channel to edit; without it the form creates one. */
  channel?: ChannelView;
  providers: ProviderDescription[];
}

/** Creates or edits a channel. `noValidate`: the API's zod schemas are the one validator, and their field errors
 * show next to the fields. */
export function ChannelForm({ channel, providers }: ChannelFormProps) {
  const router = useRouter();
  const isAdmin = useIsAdmin();
  const create = useCreateChannel();
  const update = useUpdateChannel(channel?.id ?? '');
  const save = channel ? update : create;
  const find = (name: string | undefined) => providers.find((p) => p.provider === name);
  const [state, setState] = useState(() => initialFormState(channel, find(channel?.provider)));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const provider = find(state.provider);
  const errors = { ...problemFields(save.error), ...localErrors };
  const change = (patch: Partial<ChannelFormState>) => setState((current) => ({ ...current, ...patch }));

  function chooseProvider(name: string) {
    change({ provider: name, config: initialConfigValues(find(name)?.fields ?? []) });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.reset();
    if (!provider) return setLocalErrors({ provider: 'choose a provider' });
    const { input, errors: invalid } = toChannelInput(state, provider);
    setLocalErrors(invalid);
    if (Object.keys(invalid).length) return;
    if (channel) update.mutate(input, { onSuccess: (saved) => setState(initialFormState(saved, provider)) });
    else create.mutate(input, { onSuccess: (created) => router.push(`/channels/${created.id}`) });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {save.error ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      {Object.keys(localErrors).length ? <Alert tone="error">Fix the highlighted fields.</Alert> : null}
      {update.isSuccess ? (
        <Alert tone="success" role="status">
          Saved.
        </Alert>
      ) : null}
      <fieldset disabled={!isAdmin || save.isPending} className="flex flex-col gap-4">
        <Card>
          <CardHeader>
            <CardTitle>Channel</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3 sm:grid-cols-2">
            <Field id="channel-name" label="Name" error={errors.name}>
              <Input
                id="channel-name"
                required
                maxLength={100}
                autoComplete="off"
                value={state.name}
                onChange={(e) => change({ name: e.target.value })}
                {...describedBy('channel-name', errors.name)}
              />
            </Field>
            <Field
              id="channel-provider"
              label="Provider"
              error={errors.provider ?? errors.type}
              hint={provider ? `Channel type: ${provider.type}` : undefined}
            >
              <Select
                id="channel-provider"
                required
                disabled={Boolean(channel)}
                value={state.provider}
                onChange={(e) => chooseProvider(e.target.value)}
                {...describedBy('channel-provider', errors.provider ?? errors.type, Boolean(provider))}
              >
                <option value="">Choose a provider…</option>
                {providers.map((p) => (
                  <option key={p.provider} value={p.provider}>
                    {p.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Checkbox
              id="channel-enabled"
              label="Enabled"
              checked={state.enabled}
              onChange={(e) => change({ enabled: e.target.checked })}
            />
          </CardContent>
        </Card>
        {provider ? (
          <>
            <Card>
              <CardHeader>
                <CardTitle>{provider.label} settings</CardTitle>
              </CardHeader>
              <CardContent>
                {errors.config ? <p className="mb-2 text-xs text-red-600">{errors.config}</p> : null}
                {provider.provider === 'webpush' ? (
                  <GenerateVapidKeysButton
                    replacing={Boolean(channel)}
                    onGenerated={(keys) =>
                      setState((current) => ({ ...current, config: { ...current.config, ...keys } }))
                    }
                  />
                ) : null}
                <ConfigFields
                  fields={provider.fields}
                  emptyText="This provider has no settings."
                  values={state.config}
                  errors={errorsByField(provider.fields, fieldsUnder(errors, 'config'))}
                  onChange={(config) => change({ config })}
                />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Delivery</CardTitle>
              </CardHeader>
              <CardContent>
                <DeliverySettings state={state} channelId={channel?.id} errors={errors} onChange={change} />
              </CardContent>
            </Card>
          </>
        ) : null}
      </fieldset>
      {isAdmin && provider ? (
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : channel ? 'Save changes' : 'Create channel'}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
