// Nhập từ tệp: download the template → choose the file → check it (dry run: a report per row, with
// the reasons of every rejected row) → write it to the register (all rows or none; 422 with the report).
import { html, nothing, refresh, loading, failed, fmtNumber, Form, formMessage } from '../ui.js';
import { api, download, ApiError } from '../api.js';

const enc = encodeURIComponent;
const ROWS_PER_PAGE = 50;

export class ImportPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.ward = null; this.error = null;
    this.file = null; this.report = null; this.committed = null;
    this.checking = new Form(); this.committing = new Form(); this.template = new Form();
    this.onlyRejected = false; this.page = 0;
  }
  get title() { return this.ward ? `Nhập từ tệp – Phường ${this.ward.name}` : 'Nhập từ tệp'; }

  async start() {
    try { this.ward = (await api(`/api/wards/${enc(this.wardId)}`)).data; document.title = `${this.title} – Tổ NDTQ`; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  choose(e) {
    this.file = e.target.files?.[0] ?? null;
    e.target.value = ''; // choosing the same (corrected) file again must be noticed
    this.report = null; this.committed = null; this.checking = new Form(); this.committing = new Form();
    refresh();
    if (this.file) this.check();
  }

  async check() {
    const r = await this.checking.submit(() => api(`/api/wards/${enc(this.wardId)}/imports?mode=dry-run`, { method: 'POST', file: this.file }));
    if (r) { this.report = r.data; this.onlyRejected = r.data.summary.rejected > 0; this.page = 0; refresh(); }
  }

  async commit() {
    const r = await this.committing.submit(requestId => api(`/api/wards/${enc(this.wardId)}/imports?mode=commit`, { method: 'POST', file: this.file, requestId }));
    if (r) { this.committed = r.data; this.report = r.data; this.onlyRejected = false; refresh(); }
    else if (this.committing.error?.status === 422) {
      this.report = this.committing.error.body; this.onlyRejected = true; this.page = 0;
      this.committing.error = new ApiError(422, { title: 'Chưa ghi gì vào sổ.', detail: 'Có dòng bị từ chối: sửa các dòng dưới đây trong tệp rồi chọn lại tệp.' });
      refresh();
    }
  }

  render() {
    if (this.error) return html`<h1 tabindex="-1">Nhập từ tệp</h1>${failed(this.error, () => this.start())}`;
    if (!this.ward) return html`<h1 tabindex="-1">Nhập từ tệp</h1>${loading()}`;
    const rep = this.report;
    const clean = rep && rep.summary.rejected === 0;
    return html`
      <nav class="crumbs" aria-label="Vị trí"><ol>
        ${this.app.isDistrict ? html`<li><a href="/so-theo-doi">Sổ theo dõi</a></li>` : nothing}
        <li><a href="/so-theo-doi/${enc(this.wardId)}">Phường ${this.ward.name}</a></li><li><span aria-current="page">Nhập từ tệp</span></li></ol></nav>
      <h1 tabindex="-1">Nhập sổ theo dõi từ tệp</h1>
      <ol class="steps">
        <li class="step-card">
          <h2>1. Tải tệp mẫu</h2>
          <p>Mỗi dòng là một thành viên; các cột của tổ chỉ cần ghi ở dòng đầu của tổ. Ngày ghi theo ngày/tháng/năm. Tệp Excel có trang thứ hai giải thích từng cột.</p>
          <div class="toolbar">
            <button type="button" ?disabled=${this.template.busy} @click=${() => this.template.submit(() => download('/api/register/import-template?format=xlsx', 'mau-nhap-to-ndtq.xlsx'))}>Tải mẫu Excel</button>
            <button type="button" ?disabled=${this.template.busy} @click=${() => this.template.submit(() => download('/api/register/import-template?format=csv', 'mau-nhap-to-ndtq.csv'))}>Tải mẫu CSV</button>
          </div>
          ${formMessage(this.template)}
        </li>
        <li class="step-card">
          <h2>2. Chọn tệp để kiểm tra</h2>
          <p>Hệ thống kiểm tra từng dòng và chưa ghi gì vào sổ.</p>
          <div class="file-pick">
            <input id="import-file" class="visually-hidden" type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" @change=${e => this.choose(e)}>
            <label for="import-file" class="button">Chọn tệp…</label>
            <span class="file-name" aria-live="polite">${this.file ? this.file.name : 'Chưa chọn tệp nào'}</span>
            ${this.file ? html`<button type="button" ?disabled=${this.checking.busy} @click=${() => this.check()}>${this.checking.busy ? 'Đang kiểm tra…' : 'Kiểm tra lại'}</button>` : nothing}
          </div>
          ${formMessage(this.checking)}
        </li>
        ${rep ? html`<li class="step-card">
          <h2>3. Kết quả kiểm tra</h2>
          ${this.summary(rep)}
          ${this.rows(rep)}
        </li>
        <li class="step-card">
          <h2>4. Ghi vào sổ</h2>
          ${this.committed ? html`<p class="alert ok" role="status"><strong>Đã ghi vào sổ.</strong>
              ${fmtNumber(this.committed.summary.groupsCreated)} tổ mới, ${fmtNumber(this.committed.summary.membersCreated)} thành viên mới,
              ${fmtNumber(this.committed.summary.membersUpdated)} thành viên được cập nhật, ${fmtNumber(this.committed.summary.unchanged)} dòng không đổi.
              <a href="/so-theo-doi/${enc(this.wardId)}">Về sổ của phường</a></p>`
            : clean ? html`<p>Mọi dòng đều hợp lệ. Ghi vào sổ sẽ áp dụng toàn bộ tệp một lần.</p>
              <button type="button" class="primary" ?disabled=${this.committing.busy} @click=${() => this.commit()}>${this.committing.busy ? 'Đang ghi…' : 'Ghi vào sổ'}</button>`
            : html`<p class="alert warn">Có ${fmtNumber(rep.summary.rejected)} dòng bị từ chối. Sổ chỉ được ghi khi mọi dòng hợp lệ: sửa các dòng đó trong tệp, lưu lại rồi chọn lại tệp.</p>`}
          ${formMessage(this.committing)}
        </li>` : nothing}
      </ol>`;
  }

  summary(rep) {
    const s = rep.summary;
    return html`<ul class="tiles" aria-label="Tóm tắt">
      <li><span class="num">${fmtNumber(s.rows)}</span> dòng</li>
      <li class=${s.accepted ? 'good' : ''}><span class="num">${fmtNumber(s.accepted)}</span> hợp lệ</li>
      <li class=${s.rejected ? 'bad' : ''}><span class="num">${fmtNumber(s.rejected)}</span> bị từ chối</li>
      <li><span class="num">${fmtNumber(s.groupsCreated)}</span> tổ mới · <span class="num small">${fmtNumber(s.membersCreated)}</span> người mới</li>
    </ul>`;
  }

  rows(rep) {
    const rows = this.onlyRejected ? rep.rows.filter(r => r.status === 'rejected') : rep.rows;
    const pages = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE));
    const page = Math.min(this.page, pages - 1);
    const shown = rows.slice(page * ROWS_PER_PAGE, (page + 1) * ROWS_PER_PAGE);
    return html`
      ${rep.summary.rejected ? html`<div class="filter check">
        <input id="only-rejected" type="checkbox" .checked=${this.onlyRejected} @change=${e => { this.onlyRejected = e.target.checked; this.page = 0; refresh(); }}>
        <label for="only-rejected">Chỉ hiện các dòng bị từ chối</label></div>` : nothing}
      <div class="table-wrap stack"><table class="report">
        <caption class="visually-hidden">Kết quả từng dòng</caption>
        <thead><tr><th scope="col" class="n">Dòng</th><th scope="col">Kết quả</th><th scope="col">Tổ</th><th scope="col">Họ và tên</th><th scope="col">Lý do</th></tr></thead>
        <tbody>${shown.map(r => html`<tr class=${r.status}>
          <td class="n" data-label="Dòng">${r.row}</td>
          <td><span class="tag ${r.status === 'rejected' ? 'bad' : r.status === 'unchanged' ? 'muted' : 'ok'}">${r.statusName}</span></td>
          <td data-label="Tổ">${r.group ?? ''}</td><td data-label="Họ và tên">${r.fullName ?? ''}</td>
          <td>${r.messages.length ? html`<ul class="reasons">${r.messages.map(m => html`<li>${m}</li>`)}</ul>` : ''}</td></tr>`)}</tbody>
      </table></div>
      ${pages > 1 ? html`<nav class="pager" aria-label="Phân trang">
        <button type="button" ?disabled=${page === 0} @click=${() => { this.page = page - 1; refresh(); }}>‹ Trang trước</button>
        <span>Trang ${page + 1}/${pages}</span>
        <button type="button" ?disabled=${page >= pages - 1} @click=${() => { this.page = page + 1; refresh(); }}>Trang sau ›</button></nav>` : nothing}`;
  }
}
