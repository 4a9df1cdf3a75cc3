export type StepState = 'waiting' | 'running' | 'done' | 'failed';

export interface ProvisioningStep {
  readonly label: string;
  readonly state: StepState;
}

const MARK: Record<StepState, string> = { waiting: '○', running: '◐', done: '●', failed: '✕' };

/** Signup's real steps as they happen (each is one API call), announced to screen readers. */
export function ProvisioningSteps({ steps }: { steps: readonly ProvisioningStep[] }) {
  const done = steps.filter((step) => step.state === 'done').length;
  return (
    <section aria-labelledby="provisioning-title" className="provisioning">
      <h2 id="provisioning-title">Setting up your store</h2>
      <progress max={steps.length} value={done} aria-label="Store setup progress">
        {done} of {steps.length}
      </progress>
      <ol aria-live="polite" data-testid="provisioning-steps">
        {steps.map((step) => (
          <li key={step.label} data-state={step.state}>
            <span aria-hidden="true">{MARK[step.state]}</span> {step.label}
            <span className="visually-hidden">: {step.state}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
