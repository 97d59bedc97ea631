// Username and password, sent to the server; every way it can fail gets its own plain message.
import { useId, useRef, useState } from 'preact/hooks';
import type { LoginResponse } from '../../../shared/auth.ts';
import { login } from './auth-api.ts';
import { useI18n } from '../../i18n/index.ts';
import { useAction } from '../../common/use-action.ts';
import { signInErrors, type Field, type FormError } from './sign-in-errors.ts';

type Props = {
  onSignedIn: (response: LoginResponse) => void | Promise<void>;
  /** Re-authentication: the username is given and cannot be changed. */
  fixedUsername?: string | undefined;
};

export function SignInForm({ onSignedIn, fixedUsername }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [username, setUsername] = useState(fixedUsername ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  // Every failure of the request has its own message (sign-in-errors.ts), so none is the action's.
  const request = useAction(
    async (name: string, secret: string): Promise<LoginResponse | null> => {
      try {
        return await login(name, secret);
      } catch (error) {
        setErrors(signInErrors(error, fixedUsername !== undefined));
        return null;
      }
    },
    { log: 'Could not sign in' },
  );
  const busy = request.busy;
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorsId = `${id}-errors`;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const missing: FormError[] = [];
    if (username.trim() === '') missing.push({ key: 'signIn.error.usernameMissing', field: 'username' });
    if (password === '') missing.push({ key: 'signIn.error.passwordMissing', field: 'password' });
    setErrors(missing);
    if (missing.length > 0) {
      (missing[0]!.field === 'username' ? usernameRef : passwordRef).current?.focus();
      return;
    }
    const response = await request.run(username.trim(), password);
    if (response) await onSignedIn(response);
  };

  const invalid = (field: Field) => errors.some((e) => e.field === field);
  const describedBy = errors.length > 0 ? errorsId : undefined;

  return (
    <form class="signin-form" onSubmit={onSubmit} noValidate aria-describedby={describedBy}>
      <div id={errorsId} role="alert" class={errors.length > 0 ? 'form-errors' : 'form-errors empty'}>
        {errors.length === 1 && <p>{t(errors[0]!.key, errors[0]!.params)}</p>}
        {errors.length > 1 && (
          <ul>
            {errors.map((e) => (
              <li key={e.key}>{t(e.key, e.params)}</li>
            ))}
          </ul>
        )}
      </div>
      <div class="field">
        <label for={`${id}-username`}>{t('signIn.username')}</label>
        <input
          ref={usernameRef}
          id={`${id}-username`}
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          value={username}
          readOnly={fixedUsername !== undefined}
          aria-invalid={invalid('username') ? 'true' : undefined}
          aria-describedby={invalid('username') ? errorsId : undefined}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-password`}>{t('signIn.password')}</label>
        <input
          ref={passwordRef}
          id={`${id}-password`}
          name="password"
          type="password"
          autocomplete="current-password"
          value={password}
          aria-invalid={invalid('password') ? 'true' : undefined}
          aria-describedby={invalid('password') ? errorsId : undefined}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </div>
      <button type="submit" class="button button-primary button-block" disabled={busy} aria-busy={busy ? 'true' : undefined}>
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </button>
    </form>
  );
}
