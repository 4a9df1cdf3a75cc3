import { useState, type FormEvent } from 'react';
import { Link, useRouter } from '../routing/router';
import { useConsole } from '../session/console-context';
import { messagesFor } from '../ui/field-errors';
import { FormAlert, SubmitButton, TextField } from '../ui/form-controls';
import { useSubmit } from '../ui/use-submit';

/** One sign-in for merchants and platform admins; the token's role decides which console opens. */
export function SignInPage() {
  const { api, signIn } = useConsole();
  const { navigate } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submission = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(async () => {
      const { accessToken } = await api.request<{ accessToken: string }>('POST', '/auth/login', { email, password });
      signIn(accessToken);
      navigate('/', { replace: true });
    });
  };

  return (
    <main className="auth">
      <h1>Sign in</h1>
      <form onSubmit={submit} noValidate>
        <FormAlert message={submission.error} />
        <TextField label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} errors={messagesFor(submission.fieldErrors, 'email')} required />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={messagesFor(submission.fieldErrors, 'password')}
          required
        />
        <SubmitButton busy={submission.busy} label="Sign in" busyLabel="Signing in…" />
      </form>
      <p>
        New here? <Link to="/signup">Open a store</Link>
      </p>
    </main>
  );
}
