// What the server says the caller may do on a workflow item (its "actions"), as buttons and small
// forms. The pages copy no role rule: a button exists because the view lists its action.
import { html, nothing, refresh, Form, field, formMessage, submitButton, fmtDateTime, isoFromVn, todayVn, DATE_INVALID, sentence } from '../ui.js';
import { api } from '../api.js';
import { ROLE_NAMES } from './admin.js';

/** How a button looks (only looks: what may be done is the server's list). */
const HOLDING = ['return', 'reject', 'not-recommend'];
const style = a => a.kind === 'decide' ? (HOLDING.includes(a.outcome) ? '' : 'primary') : a.kind === 'move-deadline' ? '' : 'danger';

/** The kinds this panel handles; other kinds (assess, save-proposal, …) belong to the page's own sections. */
const PANEL_KINDS = ['decide', 'withdraw', 'cancel', 'move-deadline'];

export class ActionPanel {
  constructor(onDone) { this.onDone = onDone; this.open = null; this.form = null; }

  choose(action) {
    this.open = action;
    this.form = new Form({ comment: '', decisionNumber: '', decisionDate: '', votesFor: '', votesAgainst: '', votesAbstain: '', meetingDate: '', dueDate: '' });
    refresh();
  }

  body(action) {
    const v = this.form.values; const errors = {};
    const comment = v.comment.trim();
    if (action.commentRequired && !comment) errors.comment = 'Vui lòng ghi ý kiến hoặc lý do.';
    if (action.kind === 'move-deadline') {
      const due = isoFromVn(v.dueDate);
      if (!due) errors.dueDate = DATE_INVALID;
      else if (due <= isoFromVn(todayVn())) errors.dueDate = 'Hạn mới phải sau hôm nay.';
      return this.form.check(errors) ? { dueAt: `${due}T17:00:00+07:00` } : null;
    }
    const body = { outcome: action.outcome ?? undefined, comment: comment || null };
    if (action.decisionRequired) {
      const date = isoFromVn(v.decisionDate);
      if (!v.decisionNumber.trim()) errors.decisionNumber = 'Vui lòng ghi số quyết định.';
      if (!date) errors.decisionDate = DATE_INVALID;
      body.decisionNumber = v.decisionNumber.trim(); body.decisionDate = date;
    }
    if (action.votesAllowed) {
      for (const k of ['votesFor', 'votesAgainst', 'votesAbstain']) {
        const n = v[k].trim();
        if (n && !/^\d+$/.test(n)) errors[k] = 'Phải là một số nguyên.'; else if (n) body[k] = Number(n);
      }
      const meeting = isoFromVn(v.meetingDate);
      if (meeting === undefined) errors.meetingDate = DATE_INVALID; else if (meeting) body.meetingDate = meeting;
    }
    return this.form.check(errors) ? body : null;
  }

  async send() {
    const action = this.open; const body = this.body(action);
    if (!body) return;
    let href = action.href;
    let payload = body;
    if (action.kind === 'withdraw' || action.kind === 'cancel') {
      href += (href.includes('?') ? '&' : '?') + 'comment=' + encodeURIComponent(body.comment ?? '');
      payload = undefined;
    }
    const r = await this.form.submit(requestId => api(href, { method: action.method, body: payload, requestId }));
    if (r) { this.open = null; this.done = `Đã gửi: ${action.name}.`; this.onDone(); }
    // The API names the moment (dueAt); the form asks for its date.
    else if (this.form.errors.dueAt) { this.form.errors.dueDate = this.form.errors.dueAt; delete this.form.errors.dueAt; refresh(); }
  }

  render(actions) {
    const mine = (actions ?? []).filter(a => PANEL_KINDS.includes(a.kind));
    if (mine.length === 0) return this.done ? html`<p class="alert ok" role="status">${this.done}</p>` : nothing;
    const a = this.open; const f = this.form;
    return html`<section class="actions-panel" aria-labelledby="actions-h">
      <h2 id="actions-h">Việc bạn có thể làm</h2>
      ${this.done ? html`<p class="alert ok" role="status">${this.done}</p>` : nothing}
      <div class="toolbar">${mine.map(x => html`<button type="button" class=${style(x)}
        aria-pressed=${a === x ? 'true' : 'false'} @click=${() => this.choose(x)}>${x.name}</button>`)}</div>
      ${a ? html`<form class="editor" @submit=${e => { e.preventDefault(); this.send(); }} novalidate aria-label=${a.name}>
        <h3>${a.name}</h3>
        ${formMessage(f, ['comment', 'decisionNumber', 'decisionDate', 'votesFor', 'votesAgainst', 'votesAbstain', 'meetingDate', 'dueDate', 'dueAt', 'outcome'])}
        <div class="grid">
          ${a.kind === 'move-deadline' ? field(f, 'dueDate', 'Hạn mới (17 giờ ngày)', { type: 'date', required: true }) : nothing}
          ${a.decisionRequired ? html`${field(f, 'decisionNumber', 'Số quyết định', { required: true, placeholder: 'ví dụ: 125/QĐ-UBND' })}${field(f, 'decisionDate', 'Ngày quyết định', { type: 'date', required: true })}` : nothing}
          ${a.votesAllowed ? html`${field(f, 'votesFor', 'Số phiếu tán thành', { inputmode: 'numeric' })}${field(f, 'votesAgainst', 'Số phiếu không tán thành', { inputmode: 'numeric' })}
            ${field(f, 'votesAbstain', 'Số phiếu không biểu quyết', { inputmode: 'numeric' })}${field(f, 'meetingDate', 'Ngày họp', { type: 'date' })}` : nothing}
          ${a.kind === 'move-deadline' ? nothing : field(f, 'comment', a.commentRequired ? 'Ý kiến, lý do' : 'Ý kiến (không bắt buộc)', { type: 'textarea', wide: true, required: a.commentRequired })}
        </div>
        <div class="actions">${submitButton(f, `Xác nhận: ${a.name}`)}<button type="button" @click=${() => { this.open = null; refresh(); }}>Hủy</button></div>
      </form>` : nothing}
    </section>`;
  }
}

/**
 * After a decision the workflow moves on its own a moment later: read the view again until its step
 * or its actions change (at most half a minute), so the page never offers the old step's buttons.
 */
export async function untilMoved(read, before) {
  const key = v => `${v?.step}|${v?.state}|${v?.dueAt}|${(v?.actions ?? []).map(a => a.kind + a.outcome).join(',')}`;
  let view = before;
  // A workflow moves within a second or two; on a busy server it may take longer: wait up to half a minute.
  for (const until = Date.now() + 30_000; Date.now() < until;) {
    view = await read();
    if (key(view) !== key(before)) return view;
    await new Promise(r => setTimeout(r, 500));
  }
  return view;
}

/** Every step, who acted, when, with their comment. */
export function timeline(entries) {
  if (!entries?.length) return html`<p class="state empty">Chưa có bước nào được ghi lại.</p>`;
  return html`<ol class="audit">${entries.map(t => html`<li>
    <time datetime=${t.at}>${fmtDateTime(t.at)}</time>
    <span><strong>${sentence(t.stepName)}</strong> · ${t.outcomeName} · ${t.actorName}${t.proposalVersion ? ` · tờ trình lần ${t.proposalVersion}` : ''}</span>
    ${t.comment ? html`<span class="comment">${t.comment}</span>` : nothing}</li>`)}</ol>`;
}

/** The step a workflow is at, who is expected, and by when. */
export function stepSummary(v) {
  return html`<dl class="facts">
    <div><dt>Bước hiện tại</dt><dd>${sentence(v.stepName)}</dd></div>
    <div><dt>Chờ</dt><dd>${v.waitingForName ?? ROLE_NAMES[v.waitingFor] ?? '—'}</dd></div>
    <div><dt>Hạn</dt><dd>${v.dueAt ? fmtDateTime(v.dueAt) : '—'}</dd></div>
  </dl>`;
}
