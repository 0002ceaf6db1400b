// Vận hành → Sao lưu và khôi phục: the list of backups, a backup started now, a restore with the backup's id typed
// to confirm, the jobs' progress (tables and rows copied), and the figure checks and rebuilds with their results.
// A section of the operations page (operations.js adds it): new BackupsSection(app, page, wards), then start() and render().
import { html, nothing, refresh, loading, empty, failed, Form, field, formMessage, submitButton, fmtDateTime, fmtNumber } from '../ui.js';
import { api, ApiError } from '../api.js';

const enc = encodeURIComponent;
const RUNNING = ['pending', 'running'];
/** The ward's kept counters, as their names read. */
const COUNTERS = [['activeGroups', 'Tổ đang hoạt động'], ['activeMembers', 'Thành viên'], ['leaders', 'Tổ trưởng'], ['deputies', 'Tổ phó'],
  ['households', 'Số hộ'], ['mergedGroups', 'Tổ đã sáp nhập'], ['splitGroups', 'Tổ đã chia tách'], ['dissolvedGroups', 'Tổ đã giải thể']];

/** "20261124T190000Z" read as a time (the backup's id is its start, UTC). */
/** A job as a person says it: "Sao lưu 07/12/2026 13:05", "Khôi phục bản sao lưu 07/12/2026 13:05" (the backup's time, Vietnam time). */
const jobTitle = j => `${j.kindName} ${j.kind === 'restore' ? 'bản sao lưu ' : ''}${backupTime(j.backupId)}`;

function backupTime(id) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(id ?? '');
  return m ? fmtDateTime(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : id;
}

export class BackupsSection {
  constructor(app, page, wards) {
    this.app = app; this.page = page; this.wards = wards ?? [];
    this.backups = null; this.jobs = null; this.error = null;
    this.job = null; this.polls = 0;
    this.startForm = new Form();
    this.restoring = null; this.restoreForm = null;
    this.checks = { report: null, rebuild: null, counters: null };
    this.checkForms = { report: new Form(), rebuild: new Form(), counters: new Form({ wardId: this.wards[0]?.id ?? '' }) };
  }

  get shown() { return this.app.page === this.page; }

  async start() {
    try {
      const [b, j] = await Promise.all([api('/api/admin/backups'), api('/api/admin/backups/jobs')]);
      this.backups = b.data; this.jobs = j.data; this.error = null;
      const running = this.jobs.find(x => RUNNING.includes(x.state));
      if (running && !this.job) this.follow(running);
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  /** Follows a job until it ends: its status every second at first, then less often. */
  follow(job) {
    this.job = job; this.polls = 0;
    refresh();
    const tick = async () => {
      if (!this.shown || this.job?.jobId !== job.jobId) return;
      try { this.job = (await api(job.statusUrl)).data; } catch (e) { if (!(e instanceof ApiError)) throw e; }
      refresh();
      if (RUNNING.includes(this.job.state)) {
        this.polls++;
        setTimeout(tick, this.polls < 30 ? 1000 : 5000);
      } else {
        await this.start();
      }
    };
    setTimeout(tick, 500);
  }

  async backupNow() {
    const r = await this.startForm.submit(requestId => api('/api/admin/backups', { method: 'POST', requestId }));
    if (r) this.follow(r.data);
  }

  async openRestore(backup) {
    this.restoring = { backup, preview: null };
    this.restoreForm = new Form({ confirmation: '' });
    refresh();
    const r = await this.restoreForm.submit(() => api(`/api/admin/backups/${enc(backup.id)}`));
    if (r && this.restoring?.backup === backup) { this.restoring.preview = r.data; refresh(); }
  }

  async restore(e) {
    e.preventDefault();
    const f = this.restoreForm; const id = this.restoring.backup.id;
    if (!f.check({ confirmation: f.values.confirmation.trim() === id ? null : `Gõ đúng mã bản sao lưu ${id} để xác nhận.` })) return;
    const r = await f.submit(requestId => api(`/api/admin/backups/${enc(id)}/restore`, { method: 'POST', body: { confirmation: f.values.confirmation.trim() }, requestId }));
    if (r) { this.restoring = null; this.restoreForm = null; this.follow(r.data); }
  }

  async check(kind) {
    const f = this.checkForms[kind];
    const wardId = this.checkForms.counters.values.wardId;
    const send = {
      report: () => api('/api/reports/check'),
      rebuild: requestId => api('/api/reports/rebuild', { method: 'POST', requestId }),
      counters: () => api(`/api/wards/${enc(wardId)}/counters/check`),
    }[kind];
    const r = await f.submit(send);
    if (r) { this.checks[kind] = kind === 'counters' ? { wardId, ...r.data } : r.data; refresh(); }
  }

  wardName(id) { return this.wards.find(w => w.id === id)?.name ?? id; }

  render() {
    if (this.error) return failed(this.error, () => this.start());
    if (!this.backups) return loading();
    const busy = this.job && RUNNING.includes(this.job.state);
    return html`
      <section aria-labelledby="backups-h">
        <div class="section-head"><h2 id="backups-h">Sao lưu và khôi phục</h2>
          <button type="button" class="primary" ?disabled=${busy || this.startForm.busy} @click=${() => this.backupNow()}>Sao lưu ngay</button></div>
        <p class="hint">Mỗi đêm hệ thống tự sao lưu mọi bảng dữ liệu. Sao lưu và khôi phục chạy nền: có thể rời trang và quay lại xem tiến độ. Mỗi lúc chỉ chạy một lần.</p>
        ${formMessage(this.startForm)}
        ${this.job ? this.jobView(this.job) : nothing}
        ${this.restoring ? this.restoreView() : nothing}
        ${this.backups.length === 0 ? empty('Chưa có bản sao lưu nào hoàn tất.') : html`<div class="table-wrap stack"><table>
          <caption class="visually-hidden">Các bản sao lưu đã hoàn tất, mới nhất trước</caption>
          <thead><tr><th scope="col">Bản sao lưu</th><th scope="col">Số bảng</th><th scope="col">Số dòng</th><th scope="col"><span class="visually-hidden">Thao tác</span></th></tr></thead>
          <tbody>${this.backups.map(b => html`<tr>
            <th scope="row">${backupTime(b.id)}<span class="sub"><code>${b.id}</code></span></th>
            <td data-label="Số bảng">${fmtNumber(b.tables.length)}</td>
            <td data-label="Số dòng">${fmtNumber(b.tables.reduce((n, t) => n + t.rows, 0))}</td>
            <td class="row-actions"><button type="button" class="danger" ?disabled=${busy} aria-label="Khôi phục bản sao lưu ${b.id}" @click=${() => this.openRestore(b)}>Khôi phục…</button></td>
          </tr>`)}</tbody></table></div>`}
        ${this.jobs?.length ? html`<details class="stack"><summary>Các lần chạy gần đây (${this.jobs.length})</summary>
          <ul>${this.jobs.map(j => html`<li>${jobTitle(j)} <code>${j.backupId}</code> — ${j.stateName}, ${fmtNumber(j.rowsDone)} dòng, ${fmtDateTime(j.startedAt)} (${j.startedBy})</li>`)}</ul>
        </details>` : nothing}
      </section>
      ${this.figuresView()}`;
  }

  jobView(j) {
    const total = j.rowsTotal ?? null;
    const ended = !RUNNING.includes(j.state);
    const cls = j.state === 'completed' ? 'ok' : ended ? 'error' : 'info';
    return html`<div class="alert ${cls} job" role="status" aria-live="polite" data-job=${j.jobId}>
      <p><strong>${jobTitle(j)}: ${j.stateName}.</strong> <span class="muted">(mã <code>${j.backupId}</code>)</span>
        Tiến độ: ${fmtNumber(j.tablesDone)}/${fmtNumber(j.tablesTotal)} bảng, ${fmtNumber(j.rowsDone)}${total !== null ? `/${fmtNumber(total)}` : ''} dòng.</p>
      <progress max=${j.tablesTotal || 1} value=${j.tablesDone} aria-label="Tiến độ ${j.kindName.toLowerCase()}: số bảng đã xong"></progress>
      ${j.error ? html`<p>${j.state === 'needs-attention' ? 'Một bước bị lỗi; quản trị có thể cho chạy lại trong mục quy trình cần xử lý. ' : ''}Lỗi: ${j.error}</p>` : nothing}
      ${ended && j.state === 'completed' && j.kind === 'restore' ? html`<p>Nên đối chiếu số liệu ngay bên dưới để kiểm tra sau khi khôi phục.</p>` : nothing}
    </div>`;
  }

  restoreView() {
    const { backup, preview } = this.restoring; const f = this.restoreForm;
    return html`<form class="editor" @submit=${e => this.restore(e)} novalidate aria-labelledby="restore-h">
      <h3 id="restore-h">Khôi phục bản sao lưu ${backupTime(backup.id)}</h3>
      ${!preview && f.busy ? loading('Đang xem bản sao lưu…') : nothing}
      ${preview ? html`<div class="alert warn" role="alert"><p>${preview.warning}</p>
        ${preview.overwrites.length ? html`<p>Bảng sẽ bị ghi đè: ${preview.overwrites.map(t => html`<code>${t}</code> `)}</p>` : nothing}</div>` : nothing}
      ${formMessage(f, ['confirmation'])}
      ${field(f, 'confirmation', `Gõ mã bản sao lưu (${backup.id}) để xác nhận`, { required: true, autocomplete: 'off', maxlength: 40 })}
      <div class="actions">${submitButton(f, 'Khôi phục', 'Đang gửi…', 'danger')}
        <button type="button" @click=${() => { this.restoring = null; this.restoreForm = null; refresh(); }}>Hủy</button></div>
    </form>`;
  }

  figuresView() {
    const { report, rebuild, counters } = this.checks; const forms = this.checkForms;
    const diffs = w => html`<ul>${w.differences.map(d => html`<li>${d.figure}: đã lưu ${d.kept}, đếm lại ${d.recount}</li>`)}</ul>`;
    return html`<section aria-labelledby="figures-h">
      <h2 id="figures-h">Đối chiếu và tính lại số liệu</h2>
      <p class="hint">Số liệu báo cáo được lưu sẵn khi có thay đổi. Đối chiếu đếm lại từ hồ sơ và so với số đã lưu; tính lại ghi lại số liệu từ lịch sử (chạy lại nhiều lần vẫn an toàn).</p>
      <div class="actions">
        <button type="button" ?disabled=${forms.report.busy} aria-busy=${forms.report.busy ? 'true' : 'false'} @click=${() => this.check('report')}>${forms.report.busy ? 'Đang đối chiếu…' : 'Đối chiếu số liệu báo cáo'}</button>
        <button type="button" ?disabled=${forms.rebuild.busy} aria-busy=${forms.rebuild.busy ? 'true' : 'false'} @click=${() => this.check('rebuild')}>${forms.rebuild.busy ? 'Đang tính lại…' : 'Tính lại số liệu'}</button>
      </div>
      ${formMessage(forms.report)}${formMessage(forms.rebuild)}
      ${report ? html`<div class="alert ${report.consistent ? 'ok' : 'warn'} figures-check" role="status">
        <p><strong>${report.consistent ? `Số liệu báo cáo khớp với số đếm lại (${fmtNumber(report.wards.length)} phường).` : 'Có số liệu báo cáo không khớp với số đếm lại:'}</strong></p>
        ${report.consistent ? nothing : html`<ul>${report.wards.filter(w => !w.consistent).map(w => html`<li>${this.wardName(w.wardId)}${diffs(w)}</li>`)}</ul>`}
      </div>` : nothing}
      ${rebuild ? html`<div class="alert ok figures-rebuild" role="status"><p><strong>Đã tính lại số liệu của ${fmtNumber(rebuild.wards.length)} phường.</strong>
        ${fmtNumber(rebuild.wards.filter(w => w.registerRebuilt).length)} phường được tính lại số liệu sổ theo dõi theo năm.</p></div>` : nothing}
      <form class="editor" novalidate @submit=${e => { e.preventDefault(); this.check('counters'); }}>
        <div class="grid">${field(forms.counters, 'wardId', 'Phường cần đối chiếu số tổ, thành viên', { type: 'select', options: this.wards.map(w => [w.id, w.name]) })}</div>
        ${formMessage(forms.counters, ['wardId'])}
        <div class="actions">${submitButton(forms.counters, 'Đối chiếu số liệu phường', 'Đang đối chiếu…', '')}</div>
      </form>
      ${counters ? html`<div class="alert ${counters.consistent ? 'ok' : 'warn'} counters-check" role="status"><p><strong>${this.wardName(counters.wardId)}:
        ${counters.consistent ? 'số liệu đã lưu khớp với số đếm lại.' : 'số liệu đã lưu không khớp với số đếm lại.'}</strong></p>
        ${counters.consistent ? nothing : html`<ul>${COUNTERS.filter(([k]) => counters.stored?.[k] !== counters.recount?.[k])
          .map(([k, label]) => html`<li>${label}: đã lưu ${fmtNumber(counters.stored?.[k])}, đếm lại ${fmtNumber(counters.recount?.[k])}</li>`)}</ul>
          <p>Bấm "Tính lại số liệu" để ghi lại số liệu từ hồ sơ.</p>`}</div>` : nothing}
    </section>`;
  }
}
