// What the server says the caller may do on a workflow item (its "actions"), as buttons and small
// forms. The pages copy no role rule: a button exists because the view lists its action.
import { html, nothing, refresh, Form, field, formMessage, submitButton, fmtDate, fmtDateTime, fmtDue, isoFromVn, todayVn, DATE_INVALID, sentence, vnDeadline, timeFromText, TIME_INVALID, roleName, roleCodes } from '../ui.js';
import { api, download } from '../api.js';

/** How a button looks (only looks: what may be done is the server's list). */
const HOLDING = ['return', 'reject', 'not-recommend'];
/** Ending the workflow (withdraw, cancel): a secondary button, then a form that asks for the reason and a confirmation. */
const ENDING = ['withdraw', 'cancel'];
const style = a => a.kind === 'decide' && !HOLDING.includes(a.outcome) ? 'primary' : '';
/** The decisions first, then moving the deadline, then ending the workflow. */
const ORDER = ['decide', 'move-deadline', 'withdraw', 'cancel'];
/** The confirming button says the action once ("Xác nhận", not "Xác nhận: Xác nhận"). */
export const confirmLabel = a => (/^xác nhận/i.test(a.name) ? a.name : `Xác nhận: ${a.name}`);

/** The kinds this panel handles; other kinds (assess, save-proposal, …) belong to the page's own sections. */
const PANEL_KINDS = ORDER;

export class ActionPanel {
  constructor(onDone) { this.onDone = onDone; this.open = null; this.form = null; }

  choose(action) {
    this.open = action;
    this.form?.discard(); // another action chosen: what was typed for the last one is left on purpose
    this.form = new Form({ comment: '', decisionNumber: '', decisionDate: '', votesFor: '', votesAgainst: '', votesAbstain: '', meetingDate: '', dueDate: '', dueTime: '' }, { guard: true });
    refresh();
    // The form's first field takes the focus (a keyboard user goes on typing).
    requestAnimationFrame(() => /** @type {HTMLElement | null} */ (document.querySelector('.actions-panel form.editor textarea, .actions-panel form.editor input'))?.focus());
  }

  body(action) {
    const v = this.form.values; const errors = {};
    const comment = v.comment.trim();
    if ((action.commentRequired || ENDING.includes(action.kind)) && !comment) errors.comment = 'Vui lòng ghi ý kiến hoặc lý do.';
    if (action.kind === 'move-deadline') {
      const due = isoFromVn(v.dueDate); const time = timeFromText(v.dueTime);
      if (!due) errors.dueDate = DATE_INVALID;
      else if (due < isoFromVn(todayVn())) errors.dueDate = 'Hạn mới không được trước hôm nay.';
      if (time === undefined) errors.dueTime = TIME_INVALID;
      return this.form.check(errors) ? { dueAt: vnDeadline(due, time) } : null;
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

  /**
   * The server's buttons for this step; main, when given, is the page's own main action of the step (the ward's
   * assessment or proposal), shown first as the primary button: { label, run }.
   */
  render(actions, main = null) {
    const mine = (actions ?? []).filter(a => PANEL_KINDS.includes(a.kind)).sort((x, y) => ORDER.indexOf(x.kind) - ORDER.indexOf(y.kind));
    if (mine.length === 0 && !main) return this.done ? html`<p class="alert ok" role="status">${this.done}</p>` : nothing;
    const a = this.open; const f = this.form; const ending = a && ENDING.includes(a.kind);
    return html`<section class="actions-panel" aria-labelledby="actions-h">
      <h2 id="actions-h">Việc bạn có thể làm</h2>
      ${this.done ? html`<p class="alert ok" role="status">${this.done}</p>` : nothing}
      <div class="toolbar">${main ? html`<button type="button" class="primary" @click=${main.run}>${main.label}</button>` : nothing}${mine.map(x => html`<button type="button"
        class=${`${style(x)} ${ENDING.includes(x.kind) ? 'ending' : ''}`} aria-pressed=${a === x ? 'true' : 'false'} @click=${() => this.choose(x)}>${x.name}</button>`)}</div>
      ${a ? html`<form class="editor" @submit=${e => { e.preventDefault(); this.send(); }} novalidate aria-label=${a.name}>
        <h3>${a.name}</h3>
        ${ending ? html`<p class="alert warn">${a.kind === 'withdraw' ? 'Rút khỏi kỳ rà soát kết thúc quy trình của phường trong kỳ này; không thể hoàn tác.'
          : 'Việc này kết thúc quy trình; không thể hoàn tác.'} Vui lòng ghi lý do rồi bấm “${confirmLabel(a)}”.</p>` : nothing}
        ${formMessage(f, ['comment', 'decisionNumber', 'decisionDate', 'votesFor', 'votesAgainst', 'votesAbstain', 'meetingDate', 'dueDate', 'dueTime', 'dueAt', 'outcome'])}
        <div class="grid">
          ${a.kind === 'move-deadline' ? html`${field(f, 'dueDate', 'Hạn mới', { type: 'date', required: true, hint: 'Ngày/tháng/năm, ví dụ 20/11/2026; hạn là hết ngày đó (giờ Việt Nam).' })}
            ${field(f, 'dueTime', 'Giờ (không bắt buộc)', { inputmode: 'numeric', placeholder: 'gg:pp', hint: 'Ví dụ 14:30. Để trống: hết ngày.' })}` : nothing}
          ${a.decisionRequired ? html`${field(f, 'decisionNumber', 'Số quyết định', { required: true, placeholder: 'ví dụ: 125/QĐ-UBND' })}${field(f, 'decisionDate', 'Ngày quyết định', { type: 'date', required: true })}` : nothing}
          ${a.votesAllowed ? html`${field(f, 'votesFor', 'Số phiếu tán thành', { inputmode: 'numeric' })}${field(f, 'votesAgainst', 'Số phiếu không tán thành', { inputmode: 'numeric' })}
            ${field(f, 'votesAbstain', 'Số phiếu không biểu quyết', { inputmode: 'numeric' })}${field(f, 'meetingDate', 'Ngày họp', { type: 'date' })}` : nothing}
          ${a.kind === 'move-deadline' ? nothing : field(f, 'comment', a.commentRequired || ending ? 'Ý kiến, lý do' : 'Ý kiến (không bắt buộc)', { type: 'textarea', wide: true, required: a.commentRequired || ending })}
        </div>
        <div class="actions">${submitButton(f, confirmLabel(a), 'Đang gửi…', ending ? 'danger' : 'primary')}<button type="button" @click=${() => { this.open = null; this.form.discard(); refresh(); }}>Hủy</button></div>
      </form>` : nothing}
    </section>`;
  }
}

/**
 * After a decision the workflow moves on its own a moment later: read the view again until its step
 * or its actions change, so the page never offers the old step's buttons. Reads at 0.5 s, then less often
 * (×1.5, at most every 5 s), for at most two minutes; stops at once when alive() says the page was left.
 */
export async function untilMoved(read, before, alive = () => true) {
  const key = v => `${v?.step}|${v?.state}|${v?.dueAt}|${(v?.actions ?? []).map(a => a.kind + a.outcome).join(',')}`;
  let view = before;
  let wait = 500;
  for (const until = Date.now() + 120_000; Date.now() < until && alive();) {
    view = await read();
    if (key(view) !== key(before)) return view;
    await new Promise(r => setTimeout(r, wait));
    wait = Math.min(wait * 1.5, 5000);
  }
  return view;
}

/**
 * Follows a workflow while it passes through a step by itself (starting, applying): calls reload() again after 1 s,
 * then less often (×1.5, at most every 10 s), while busy() says so and alive() says the page is still shown.
 * One follower per page: following again while it waits does nothing. No reload of the browser is needed.
 */
export class Follower {
  constructor(alive) { this.alive = alive; this.timer = null; this.wait = 1000; }
  follow(busy, reload) {
    if (!busy()) { this.wait = 1000; return; }
    if (this.timer || !this.alive()) return;
    this.timer = setTimeout(async () => {
      this.timer = null;
      if (!this.alive()) return;
      this.wait = Math.min(this.wait * 1.5, 10_000);
      await reload();
    }, this.wait);
  }
}

/** Steps a workflow passes through by itself: the page reads again until they are over. */
export const PASSING = ['starting', 'applying', 'generating'];

/** Every step, who acted, when, with their comment. */
export function timeline(entries) {
  if (!entries?.length) return html`<p class="state empty">Chưa có bước nào được ghi lại.</p>`;
  return html`<ol class="audit">${entries.map(t => html`<li>
    <time datetime=${t.at}>${fmtDateTime(t.at)}</time>
    <span><strong>${sentence(t.stepName)}</strong> · ${t.outcomeName} · ${t.actorName}${t.proposalVersion ? ` · tờ trình lần ${t.proposalVersion}` : ''}</span>
    ${t.decisionNumber ? html`<span class="decision">Quyết định số ${t.decisionNumber}${t.decisionDate ? ` ngày ${fmtDate(t.decisionDate)}` : ''}${t.document
      ? html` · <button type="button" class="link" @click=${() => download(t.document, `quyet-dinh-${t.decisionNumber.replace(/[^0-9A-Za-z]+/g, '-')}.pdf`)}>Tải quyết định (PDF)</button>` : nothing}</span>` : nothing}
    ${t.comment ? html`<span class="comment">${t.comment}</span>` : nothing}</li>`)}</ol>`;
}

/**
 * Who acted at a step, as a banner names them, the role said once: a name that already says who the person is (the unit in
 * parentheses, as "Đại úy Trần Văn Bình (Công an phường)", or a role's name) is shown as it is; a bare
 * name gets the step, which starts with its role: "Lê Văn Chủ (Chủ tịch phường duyệt)".
 */
export function actedBy(actorName, stepName) {
  const name = (actorName ?? '').trim();
  const step = sentence(stepName ?? '');
  if (!name) return step;
  const lower = s => s.toLocaleLowerCase('vi');
  const saysRole = /\(.+\)$/u.test(name) || roleCodes().map(roleName).some(r => lower(name).includes(lower(r)));
  return saysRole || !step ? name : `${name} (${step})`;
}

/** The newest return in a timeline (entries with outcome "return"), or null. */
export function latestReturn(entries) {
  return [...(entries ?? [])].filter(t => t.outcome === 'return').sort((a, b) => String(a.at).localeCompare(String(b.at))).pop() ?? null;
}

/**
 * The banner at the top of a page whose item was returned: what was returned, by whom (once), when, the comment, and what to do.
 * One look for the restructure, the nomination and the support round.
 */
export function returnBanner(t, what, todo) {
  if (!t) return nothing;
  return html`<div class="alert warn returned" role="status">
    <p><strong>${what} bị trả lại</strong> bởi ${actedBy(t.actorName, t.stepName)} lúc <time datetime=${t.at}>${fmtDateTime(t.at)}</time>${t.comment ? ':' : '.'}</p>
    ${t.comment ? html`<p class="comment">${t.comment}</p>` : nothing}
    ${todo ? html`<p>${todo}</p>` : nothing}</div>`;
}

/** The step a workflow is at, who is expected, and by when. */
export function stepSummary(v) {
  return html`<dl class="facts">
    <div><dt>Bước hiện tại</dt><dd>${sentence(v.stepName)}</dd></div>
    <div><dt>Chờ</dt><dd>${v.waitingForName ?? (v.waitingFor ? roleName(v.waitingFor) : '—')}</dd></div>
    <div><dt>Hạn</dt><dd>${v.dueAt ? fmtDue(v.dueAt) : '—'}</dd></div>
  </dl>`;
}
