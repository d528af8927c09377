import type { WebhookEndpoint, WebhookEventType } from '@orgsphere/client';

import type { FormErrors } from '../../api/form-errors';
import { CheckboxGroup, formValues } from '../../components/checkbox-group';
import { FormMessage } from '../../components/form-message';
import { formText } from '../../components/form-text';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { eventTypeOptions } from './webhook-event-types';

export type EndpointFields = { url: string; description: string; event_types: WebhookEventType[] };

export const endpointFieldNames = ['url', 'description', 'event_types'];

/** URL, description and event types: registering an endpoint, and editing one. */
export const EndpointForm = ({
  title,
  submitLabel,
  endpoint,
  errors,
  pending,
  onSubmit,
  onCancel,
}: {
  title: string;
  submitLabel: string;
  endpoint?: WebhookEndpoint | undefined;
  errors: FormErrors;
  pending: boolean;
  onSubmit: (fields: EndpointFields) => void;
  onCancel?: (() => void) | undefined;
}) => (
  <form
    className="card"
    noValidate
    aria-label={title}
    onSubmit={(event) => {
      event.preventDefault();
      const form = event.currentTarget;
      onSubmit({
        url: formText(form, 'url').trim(),
        description: formText(form, 'description'),
        event_types: formValues(form, 'event_types') as WebhookEventType[],
      });
    }}
  >
    <h2>{title}</h2>
    <TextField
      label="URL"
      name="url"
      type="url"
      autoComplete="off"
      defaultValue={endpoint?.url}
      hint="https:// (http:// and loopback only outside production). OrgSphere POSTs signed events here."
      required
      error={errors.fields.url}
    />
    <TextField
      label="Description (optional)"
      name="description"
      autoComplete="off"
      defaultValue={endpoint?.description}
      error={errors.fields.description}
    />
    <CheckboxGroup
      legend="Event types"
      name="event_types"
      options={eventTypeOptions}
      defaultChecked={endpoint?.event_types ?? []}
      error={errors.fields.event_types}
    />
    <FormMessage errors={errors} />
    <div className="actions">
      <SubmitButton className="primary" pending={pending} pendingLabel="Saving…">
        {submitLabel}
      </SubmitButton>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  </form>
);
