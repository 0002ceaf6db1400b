// Tờ trình: one sign-off request, and the chairman's decision when the server offers it.
import { html, nothing, refresh, loading, failed, fmtDateTime, fmtDue, sentence } from '../ui.js';
import { api, ApiError } from '../api.js';
import { ActionPanel, untilMoved } from './workflow.js';

const enc = encodeURIComponent;

export class SignOffPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.id = params.id; this.view = null; this.error = null;
    this.actions = new ActionPanel(() => this.moved());
  }
  get title() { return this.view?.title ?? 'Tờ trình'; }

  async moved() {
    this.view = await untilMoved(async () => (await api(`/api/wards/${enc(this.wardId)}/sign-offs/${enc(this.id)}`)).data, this.view);
    await this.start();
  }

  async start() {
    try { this.view = (await api(`/api/wards/${enc(this.wardId)}/sign-offs/${enc(this.id)}`)).data; this.error = null; document.title = `${this.title} – Tổ NDTQ`; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  render() {
    if (this.error) return html`<h1 tabindex="-1">Tờ trình</h1>${failed(this.error, () => this.start())}`;
    if (!this.view) return html`<h1 tabindex="-1">Tờ trình</h1>${loading()}`;
    const v = this.view;
    return html`<p class="crumbs"><a href="/">Việc của tôi</a></p>
      <div class="title-row"><h1 tabindex="-1">${v.title}</h1><span class="tag ${v.state === 'approved' ? 'ok' : v.state === 'waiting-for-chairman' ? 'muted' : 'bad'}">${sentence(v.stateName)}</span></div>
      <dl class="facts">
        <div><dt>Người gửi</dt><dd>${v.requestedByName}</dd></div>
        <div><dt>Gửi lúc</dt><dd>${fmtDateTime(v.requestedAt)}</dd></div>
        <div><dt>Hạn</dt><dd>${fmtDue(v.dueAt)}</dd></div>
        ${v.decidedByName ? html`<div><dt>Người quyết định</dt><dd>${v.decidedByName} · ${fmtDateTime(v.decidedAt)}</dd></div>` : nothing}
        ${v.comment ? html`<div><dt>Ý kiến</dt><dd>${v.comment}</dd></div>` : nothing}
      </dl>
      ${this.actions.render(v.actions)}`;
  }
}
