'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useWatch } from 'react-hook-form';
import { ConfigFields } from '@/components/config-form/config-fields';
import { initialConfigValues } from '@/components/config-form/config-values';
import { CheckboxField, GroupError, SelectField, TextField } from '@/components/forms/form-fields';
import { SaveFooter } from '@/components/forms/form-footer';
import { MutationForm } from '@/components/forms/mutation-form';
import { setServerErrors } from '@/components/forms/server-errors';
import { useZodForm } from '@/components/forms/use-zod-form';
import { useIsAdmin } from '@/components/layout/viewer-context';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import {
  type ChannelFormValues,
  channelErrorField,
  channelFormSchema,
  channelFormValues,
} from './channel-form-schema';
import { DeliverySettings } from './delivery-settings';
import { GenerateVapidKeysButton } from './generate-vapid-keys-button';
import { type ChannelView, type ProviderDescription, useCreateChannel, useUpdateChannel } from './queries';

interface ChannelFormProps {
  /** The channel to edit; without it the form creates one. */
  channel?: ChannelView;
  providers: ProviderDescription[];
}

/**
 * Creates or edits a channel. The form's schema is the API's channel schema (channel-form-schema.ts); the
 * provider's own settings are checked by the server, and its field errors show next to the fields too.
 */
export function ChannelForm({ channel, providers }: ChannelFormProps) {
  const router = useRouter();
  const isAdmin = useIsAdmin();
  const create = useCreateChannel();
  const update = useUpdateChannel(channel?.id ?? '');
  const save = channel ? update : create;
  const find = (name: string | undefined) => providers.find((p) => p.provider === name);
  const form = useZodForm((values: ChannelFormValues) => channelFormSchema(find(values.provider)), {
    defaultValues: channelFormValues(channel, find(channel?.provider)),
  });
  const provider = find(useWatch({ control: form.control, name: 'provider' }));
  // Enable/Disable in the page header changes the channel under the form: Enabled follows it (other edits stay),
  // or saving the form afterwards would switch the channel back.
  const enabled = channel?.enabled;
  const { resetField } = form;
  useEffect(() => {
    if (enabled !== undefined) resetField('enabled', { defaultValue: enabled });
  }, [enabled, resetField]);

  const submit = form.handleSubmit((input) => {
    const onError = (error: unknown) => setServerErrors(error, form.setError, channelErrorField(provider));
    if (channel)
      update.mutate(input, { onSuccess: (saved) => form.reset(channelFormValues(saved, provider)), onError });
    else create.mutate(input, { onSuccess: (created) => router.push(`/channels/${created.id}`), onError });
  });

  function chooseProvider(name: string) {
    form.clearErrors('config');
    form.setValue('config', initialConfigValues(find(name)?.fields ?? []));
  }

  return (
    <MutationForm
      form={form}
      mutation={save}
      onSubmit={submit}
      saved={update.isSuccess ? 'Saved.' : undefined}
    >
      <fieldset disabled={!isAdmin || save.isPending} className="flex flex-col gap-4">
        <Card>
          <CardHeader>
            <CardTitle>Channel</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3 sm:grid-cols-2">
            <TextField
              name="name"
              id="channel-name"
              label="Name"
              required
              maxLength={100}
              autoComplete="off"
            />
            {channel ? (
              // The provider of a saved channel cannot change: shown, not part of what is edited.
              <Field id="channel-provider" label="Provider" hint={`Channel type: ${channel.type}`}>
                <Select
                  id="channel-provider"
                  disabled
                  value={channel.provider}
                  aria-describedby="channel-provider-hint"
                >
                  <option value={channel.provider}>{provider?.label ?? channel.provider}</option>
                </Select>
              </Field>
            ) : (
              <SelectField
                name="provider"
                id="channel-provider"
                label="Provider"
                required
                hint={provider ? `Channel type: ${provider.type}` : undefined}
                onValueChange={chooseProvider}
              >
                <option value="">Choose a provider…</option>
                {providers.map((p) => (
                  <option key={p.provider} value={p.provider}>
                    {p.label}
                  </option>
                ))}
              </SelectField>
            )}
            <CheckboxField name="enabled" id="channel-enabled" label="Enabled" />
          </CardContent>
        </Card>
        {provider ? (
          <>
            <Card>
              <CardHeader>
                <CardTitle>{provider.label} settings</CardTitle>
              </CardHeader>
              <CardContent>
                <GroupError name="config" className="mb-2 text-xs text-red-600" />
                {provider.provider === 'webpush' ? (
                  <GenerateVapidKeysButton
                    replacing={Boolean(channel)}
                    onGenerated={(keys) => {
                      for (const [name, value] of Object.entries(keys))
                        form.setValue(`config.${name}`, value, { shouldDirty: true, shouldValidate: true });
                    }}
                  />
                ) : null}
                <ConfigFields
                  fields={provider.fields}
                  name="config"
                  emptyText="This provider has no settings."
                />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Delivery</CardTitle>
              </CardHeader>
              <CardContent>
                <DeliverySettings channelId={channel?.id} />
              </CardContent>
            </Card>
          </>
        ) : null}
      </fieldset>
      {isAdmin && provider ? (
        <SaveFooter pending={save.isPending} editing={Boolean(channel)} createLabel="Create channel" />
      ) : null}
    </MutationForm>
  );
}
