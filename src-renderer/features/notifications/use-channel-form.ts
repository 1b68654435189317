// The editing state of one channel's settings form (email, SMS): save on submit, and "send test" that saves first so
// the test uses what is on screen, then shows the server's answer or why it failed.
import { useState, type FormEvent } from 'react';
import type { EmailConfig, SmsConfig, TestDeliveryResult } from '../../../src-shared';
import { api } from '../../api';
import { useNotifications } from './notifications-store';
import { errorMessage } from '../../format/error-message';

type Configs = { email: EmailConfig; sms: SmsConfig };

export function useChannelForm<C extends keyof Configs>(channel: C, initial: Configs[C]) {
  const { update, test } = useNotifications();
  const [form, setForm] = useState<Configs[C]>(initial);
  const [pending, setPending] = useState<'saving' | 'testing'>();
  const [result, setResult] = useState<TestDeliveryResult | string>();

  /** Props of a text input bound to one field of the form. */
  const text = (name: keyof Configs[C] & string) => ({
    id: `${channel}-${name}`,
    value: form[name] as string,
    onChange: (event: { target: { value: string } }) => setForm((current) => ({ ...current, [name]: event.target.value })),
  });

  const save = async (): Promise<boolean> => {
    const error = await update(api, { [channel]: form });
    if (error) setResult(error);
    return error === undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending('saving');
    setResult(undefined);
    await save();
    setPending(undefined);
  };

  const sendTest = async () => {
    setPending('testing');
    setResult(undefined);
    try {
      if (await save()) setResult(await test(api, channel));
    } catch (error) {
      setResult(errorMessage(error));
    } finally {
      setPending(undefined);
    }
  };

  return { form, setForm, text, pending, result, submit, sendTest };
}
