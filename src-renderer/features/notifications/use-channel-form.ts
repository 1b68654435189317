// The editing state of one channel's settings form (email, SMS): save on submit, and "send test" that saves first so
// the test uses what is on screen, then shows the server's answer or why it failed. Two guards main enforces are
// asked here first: a change of where the stored secret goes clears it unless it is typed again (`retyped`, sent in
// the same update), and a plain-text destination is saved only after the trader confirms it in a dialog.
import { useState, type FormEvent } from 'react';
import type { EmailConfig, Req, SmsConfig, TestDeliveryResult } from '../../../src-shared';
import { api } from '../../api';
import { useNotifications } from './notifications-store';
import { errorMessage } from '../../format/error-message';

type Configs = { email: EmailConfig; sms: SmsConfig };
type Action = 'save' | 'test';

export interface ChannelGuards<C extends keyof Configs> {
  /** The update field that carries the secret typed again. */
  secretField: 'smtpPassword' | 'twilioAuthToken';
  /** Whether the form sends the stored secret somewhere else than the saved settings do. */
  moves(form: Configs[C]): boolean;
  /** Why the form's settings would travel in clear text, or undefined. */
  plainText(form: Configs[C]): string | undefined;
}

export function useChannelForm<C extends keyof Configs>(channel: C, initial: Configs[C], guards: ChannelGuards<C>) {
  const { update, test } = useNotifications();
  const [form, setForm] = useState<Configs[C]>(initial);
  const [retyped, setRetyped] = useState('');
  const [pending, setPending] = useState<'saving' | 'testing'>();
  const [result, setResult] = useState<TestDeliveryResult | string>();
  /** The action waiting for the trader's answer in the plain-text dialog. */
  const [confirming, setConfirming] = useState<Action>();

  /** Props of a text input bound to one field of the form. */
  const text = (name: keyof Configs[C] & string) => ({
    id: `${channel}-${name}`,
    value: form[name] as string,
    onChange: (event: { target: { value: string } }) => setForm((current) => ({ ...current, [name]: event.target.value })),
  });

  const save = async (allowInsecure: boolean): Promise<boolean> => {
    const patch: Req<'notifications:update'> = { [channel]: form };
    if (retyped !== '' && guards.moves(form)) patch[guards.secretField] = retyped;
    if (allowInsecure) patch.allowInsecure = true;
    const error = await update(api, patch);
    if (error) setResult(error);
    else setRetyped('');
    return error === undefined;
  };

  const run = async (action: Action, allowInsecure: boolean) => {
    setPending(action === 'save' ? 'saving' : 'testing');
    setResult(undefined);
    try {
      if ((await save(allowInsecure)) && action === 'test') setResult(await test(api, channel));
    } catch (error) {
      setResult(errorMessage(error));
    } finally {
      setPending(undefined);
    }
  };

  /** Runs the action, after the plain-text dialog when the settings need it. */
  const start = (action: Action) => {
    if (guards.plainText(form) !== undefined) setConfirming(action);
    else void run(action, false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    start('save');
  };

  const plainText = {
    problems: confirming === undefined ? undefined : [guards.plainText(form)].filter((p): p is string => p !== undefined),
    onConfirm: () => {
      const action = confirming;
      setConfirming(undefined);
      if (action) void run(action, true);
    },
    onCancel: () => setConfirming(undefined),
  };

  return {
    form,
    setForm,
    text,
    pending,
    result,
    submit,
    sendTest: () => start('test'),
    moved: guards.moves(form),
    retyped: { value: retyped, onChange: (event: { target: { value: string } }) => setRetyped(event.target.value) },
    plainText,
  };
}
