// Adding an exchange account: keys typed once, checked by main with a private call before anything is saved. An
// http:// or ws:// base URL to another machine is sent only after the trader confirms plain text in a dialog.
import { useState, type FormEvent } from 'react';
import { NewAccount, plainTextUrlProblem, type VenueId } from '../../../src-shared';
import { PlainTextConfirmDialog } from '../../components/PlainTextConfirmDialog';
import { useT } from '../../i18n';

interface Props {
  venues: VenueId[];
  venueName: (venue: VenueId) => string;
  /** Resolves to an error in words, or undefined once the account is saved. */
  onAdd: (account: NewAccount) => Promise<string | undefined>;
}

/** The form's fields and their labels (accounts:add.*), to name the field a problem is about. */
const FIELD_KEYS = {
  venue: 'exchange',
  label: 'label',
  apiKey: 'apiKey',
  secret: 'secret',
  password: 'passphrase',
  restBaseUrl: 'restBaseUrl',
  wsBaseUrl: 'wsBaseUrl',
} as const;

const isField = (name: string): name is keyof typeof FIELD_KEYS => Object.hasOwn(FIELD_KEYS, name);

const EMPTY = { label: '', apiKey: '', secret: '', password: '', restBaseUrl: '', wsBaseUrl: '' };

/** What the form holds, as the contract's request: empty optional fields are left out rather than sent as "". */
function toRequest(venue: VenueId, fields: typeof EMPTY, sandbox: boolean): NewAccount {
  const request: NewAccount = { venue, apiKey: fields.apiKey, secret: fields.secret, sandbox };
  if (fields.label.trim()) request.label = fields.label;
  if (fields.password.trim()) request.password = fields.password;
  if (fields.restBaseUrl.trim()) request.restBaseUrl = fields.restBaseUrl.trim();
  if (fields.wsBaseUrl.trim()) request.wsBaseUrl = fields.wsBaseUrl.trim();
  return request;
}

/** What of the request would travel in clear text to another machine, in main's words. */
function plainTextProblems(request: NewAccount): string[] {
  return [
    request.restBaseUrl === undefined ? undefined : plainTextUrlProblem(request.restBaseUrl, 'REST base URL'),
    request.wsBaseUrl === undefined ? undefined : plainTextUrlProblem(request.wsBaseUrl, 'WebSocket base URL'),
  ].filter((problem): problem is string => problem !== undefined);
}

export function AddAccountForm({ venues, venueName, onAdd }: Props) {
  const [venue, setVenue] = useState<VenueId | ''>(venues[0] ?? '');
  const [fields, setFields] = useState(EMPTY);
  const [sandbox, setSandbox] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  /** A request waiting for the trader's answer in the plain-text dialog. */
  const [confirming, setConfirming] = useState<NewAccount>();
  const { t } = useT('accounts');
  const fieldName = (name: string): string => (isField(name) ? t(`add.${FIELD_KEYS[name]}`) : t('add.account'));

  const field = (name: keyof typeof EMPTY) => ({
    id: `account-${name}`,
    value: fields[name],
    'aria-invalid': invalid.has(name) || undefined,
    onChange: (event: { target: { value: string } }) => setFields((current) => ({ ...current, [name]: event.target.value })),
  });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (pending || venue === '') return;
    const request = toRequest(venue, fields, sandbox);
    // The same schema main enforces: a missing key is said at once, without a round trip.
    const checked = NewAccount.safeParse(request);
    if (!checked.success) {
      const names = checked.error.issues.map((issue) => String(issue.path[0] ?? ''));
      setInvalid(new Set(names));
      setError(checked.error.issues.map((issue) => t('add.problem', { field: fieldName(String(issue.path[0])), message: issue.message })).join('. '));
      return;
    }
    setInvalid(new Set());
    setError(undefined);
    if (plainTextProblems(request).length > 0) {
      setConfirming(request);
      return;
    }
    await send(request);
  }

  async function send(request: NewAccount): Promise<void> {
    setPending(true);
    const failure = await onAdd(request);
    setPending(false);
    if (failure) {
      setError(failure);
      return;
    }
    // The secrets leave the page's memory with the form's state: the list shows only that they are set.
    setFields(EMPTY);
    setSandbox(false);
  }

  return (
    <form className="add-account" aria-label={t('add.title')} noValidate onSubmit={(event) => void submit(event)}>
      <h2>{t('add.title')}</h2>
      <label htmlFor="account-venue">{t('add.exchange')}</label>
      <select id="account-venue" value={venue} onChange={(event) => setVenue(event.target.value as VenueId)}>
        {venues.map((id) => (
          <option key={id} value={id}>
            {venueName(id)}
          </option>
        ))}
      </select>
      <label htmlFor="account-label">{t('add.label')}</label>
      <input {...field('label')} placeholder={t('add.labelPlaceholder')} autoComplete="off" maxLength={60} />
      <label htmlFor="account-apiKey">{t('add.apiKey')}</label>
      <input {...field('apiKey')} type="password" autoComplete="off" spellCheck={false} />
      <label htmlFor="account-secret">{t('add.secret')}</label>
      <input {...field('secret')} type="password" autoComplete="off" spellCheck={false} />
      <label htmlFor="account-password">{t('add.passphrase')}</label>
      <input {...field('password')} type="password" autoComplete="off" spellCheck={false} aria-describedby="account-password-hint" />
      <span id="account-password-hint" className="hint">
        {t('add.passphraseHint')}
      </span>
      <label className="checkbox">
        <input type="checkbox" role="switch" checked={sandbox} onChange={(event) => setSandbox(event.target.checked)} />
        {t('add.sandbox')}
      </label>
      <details>
        <summary>{t('add.advanced')}</summary>
        <p className="hint">{t('add.advancedHint')}</p>
        <label htmlFor="account-restBaseUrl">{t('add.restBaseUrl')}</label>
        <input {...field('restBaseUrl')} type="url" placeholder={t('add.restPlaceholder')} autoComplete="off" />
        <label htmlFor="account-wsBaseUrl">{t('add.wsBaseUrl')}</label>
        <input {...field('wsBaseUrl')} type="url" placeholder={t('add.wsPlaceholder')} autoComplete="off" />
      </details>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={pending || venue === ''} aria-busy={pending}>
        {pending ? t('add.checking') : t('add.title')}
      </button>
      <PlainTextConfirmDialog
        problems={confirming && plainTextProblems(confirming)}
        onConfirm={() => {
          const request = confirming;
          setConfirming(undefined);
          if (request) void send({ ...request, allowInsecure: true });
        }}
        onCancel={() => setConfirming(undefined)}
      />
    </form>
  );
}
