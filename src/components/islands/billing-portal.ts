/**
 * The demo billing portal: lists the reader's subscriptions with their state and offers what
 * Stripe's customer portal would (cancel at period end, resume, end now), each a call to
 * `POST /api/billing/demo/portal`; then it reads the state again and shows it.
 */
import type { BillingStrings } from '../../../core/i18n/billing.ts';
import { api } from './api-client.ts';
import { describeSubscription, type BillingStatus, type SubscriptionStatus } from './billing-state.ts';

type Action = 'cancel' | 'resume' | 'end';

export async function startDemoPortal(root: HTMLElement): Promise<void> {
  const t = JSON.parse(root.dataset.billingStrings ?? '{}') as BillingStrings;
  const planNames = JSON.parse(root.dataset.plans ?? '{}') as Record<string, string>;
  const el = (name: string) => root.querySelector<HTMLElement>(`[data-portal-${name}]`)!;

  function button(sub: SubscriptionStatus, action: Action, label: string, secondary: boolean): HTMLButtonElement {
    const b = Object.assign(document.createElement('button'), { type: 'button', textContent: label, className: secondary ? 'button secondary' : 'button' });
    b.dataset.action = action;
    b.addEventListener('click', () => void act(sub.plan, action, b));
    return b;
  }

  function render(status: BillingStatus): void {
    el('none').hidden = status.subscriptions.length > 0;
    el('list').replaceChildren(
      ...status.subscriptions.map((sub) => {
        const item = document.createElement('li');
        item.dataset.plan = sub.plan;
        const name = Object.assign(document.createElement('h2'), { textContent: planNames[sub.plan] ?? sub.plan });
        const state = Object.assign(document.createElement('p'), { textContent: t.statusLine.replace('{text}', describeSubscription(sub, t)) });
        state.dataset.portalState = sub.status;
        const actions = document.createElement('div');
        actions.className = 'portal-actions';
        actions.append(
          sub.cancelAtPeriodEnd ? button(sub, 'resume', t.resume, false) : button(sub, 'cancel', t.cancelAtPeriodEnd, true),
          button(sub, 'end', t.endNow, true),
        );
        item.append(name, state, actions);
        return item;
      }),
    );
  }

  async function load(): Promise<boolean> {
    const { status, body } = await api<BillingStatus>('/api/billing/status');
    el('loading').hidden = true;
    if (status === 401) {
      location.replace(root.dataset.signin!);
      return false;
    }
    if (status !== 200) {
      el('error').textContent = t.portalFailed;
      el('error').hidden = false;
      return false;
    }
    render(body);
    return true;
  }

  async function act(plan: string, action: Action, trigger: HTMLButtonElement): Promise<void> {
    if (action === 'end' && !confirm(t.endNowConfirm)) return;
    trigger.disabled = true;
    el('done').hidden = true;
    el('error').hidden = true;
    try {
      const { status } = await api('/api/billing/demo/portal', { body: { plan, action, locale: root.dataset.locale } });
      if (status !== 200) throw new Error(String(status));
      if (await load()) el('done').hidden = false;
    } catch {
      el('error').textContent = t.portalFailed;
      el('error').hidden = false;
      trigger.disabled = false;
    }
  }

  await load();
}
