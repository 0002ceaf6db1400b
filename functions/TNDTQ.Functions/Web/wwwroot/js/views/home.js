// Việc của tôi: what waits for me (soonest first, overdue flagged) and my notices (with read marks).
import { html, nothing, refresh, loading, empty, failed, fmtDate, fmtDue, Form, sentence } from '../ui.js';
import { api, ApiError } from '../api.js';
import { pageFor } from '../links.js';

const PAGE = 10;

export class HomePage {
  title = 'Việc của tôi';
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) { this.app = app; this.inbox = null; this.error = null; this.shownTasks = PAGE; this.shownNotices = PAGE; this.marking = new Form(); }

  async start() {
    try { this.inbox = (await api('/api/inbox?pageSize=100')).data; this.error = null; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  async markRead(ids) {
    if (!ids.length) return;
    const ok = await this.marking.submit(requestId => api('/api/inbox/read', { method: 'POST', body: { ids }, requestId }));
    if (ok) {
      for (const n of this.inbox.notices) if (ids.includes(n.id)) n.read = true;
      this.inbox.counts.unread = this.inbox.notices.filter(n => !n.read).length;
      this.app.refreshCounts();
    }
  }

  render() {
    const head = html`<h1 tabindex="-1">Việc của tôi</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.inbox) return html`${head}${loading()}`;
    const { counts, tasks, notices } = this.inbox;
    return html`${head}
      <ul class="tiles" aria-label="Tóm tắt">
        <li><span class="num">${counts.tasks}</span> việc đang chờ</li>
        <li class=${counts.dueSoon ? 'warn' : ''}><span class="num">${counts.dueSoon}</span> sắp đến hạn</li>
        <li class=${counts.overdue ? 'bad' : ''}><span class="num">${counts.overdue}</span> quá hạn</li>
        <li><span class="num">${counts.unread}</span> thông báo chưa đọc</li>
      </ul>
      <div class="columns">
        <section aria-labelledby="tasks-h">
          <h2 id="tasks-h">Việc cần làm</h2>
          ${tasks.length === 0 ? empty('Không có việc nào đang chờ bạn.') : html`
            <ol class="cards">${tasks.slice(0, this.shownTasks).map(t => this.task(t))}</ol>
            ${tasks.length > this.shownTasks ? html`<button type="button" @click=${() => { this.shownTasks += PAGE; refresh(); }}>Xem thêm ${Math.min(PAGE, tasks.length - this.shownTasks)} việc</button>` : nothing}`}
        </section>
        <section aria-labelledby="notices-h">
          <div class="section-head">
            <h2 id="notices-h">Thông báo</h2>
            ${counts.unread ? html`<button type="button" class="link" ?disabled=${this.marking.busy}
              @click=${() => this.markRead(notices.filter(n => !n.read).map(n => n.id))}>Đánh dấu tất cả đã đọc</button>` : nothing}
          </div>
          ${this.marking.error ? failed(this.marking.error) : nothing}
          ${notices.length === 0 ? empty('Chưa có thông báo nào.') : html`
            <ol class="cards">${notices.slice(0, this.shownNotices).map(n => this.notice(n))}</ol>
            ${notices.length > this.shownNotices ? html`<button type="button" @click=${() => { this.shownNotices += PAGE; refresh(); }}>Xem thêm thông báo</button>` : nothing}`}
        </section>
      </div>`;
  }

  task(t) {
    const href = pageFor(t.link);
    const ward = this.app.isDistrict && t.wardId ? this.app.wardName(t.wardId) : '';
    return html`<li class="card task ${t.overdue ? 'overdue' : ''}">
      <div class="card-head">
        <span class="step">${sentence(t.stepName)}</span>
        ${t.overdue ? html`<span class="tag bad">Quá hạn</span>` : nothing}
      </div>
      <p class="subject">${href ? html`<a href=${href}>${t.subject}</a>` : t.subject}</p>
      <p class="meta">Hạn: <time datetime=${t.dueAt}>${fmtDue(t.dueAt)}</time>${ward ? html` · Phường ${ward}` : nothing}</p>
    </li>`;
  }

  notice(n) {
    const href = pageFor(n.link);
    return html`<li class="card notice ${n.read ? 'read' : 'unread'}">
      <div class="card-head">
        <span class="title">${n.read ? nothing : html`<span class="dot" aria-hidden="true"></span><span class="visually-hidden">Chưa đọc: </span>`}${n.title}</span>
        <time datetime=${n.at}>${fmtDate(n.at)}</time>
      </div>
      <p class="body">${n.body}</p>
      <div class="card-actions">
        ${href ? html`<a href=${href} @click=${() => { if (!n.read) this.markRead([n.id]); }}>Mở<span class="visually-hidden"> ${n.title}</span></a>` : nothing}
        ${n.read ? html`<span class="muted">Đã đọc</span>` : html`<button type="button" class="link" ?disabled=${this.marking.busy} @click=${() => this.markRead([n.id])}>Đánh dấu đã đọc</button>`}
      </div>
    </li>`;
  }
}
