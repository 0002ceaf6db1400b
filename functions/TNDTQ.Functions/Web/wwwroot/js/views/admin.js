// Quản trị: the staff directory (add, give and take roles, change ward, revoke), the award catalogue, the wards.
import { html, nothing, refresh, loading, empty, failed, Form, field, formMessage, submitButton, roleName, roleCodes, sentence } from '../ui.js';
import { api, ApiError } from '../api.js';

const enc = encodeURIComponent;
/** Every role with its name in the signed-in person's unit's words (display only: what each role may do is the server's business). */
const roleChoices = () => roleCodes().map(r => [r, roleName(r)]);
const WARD_ROLES = ['ward-officer', 'ward-chairman'];
const TABS = [['staff', 'Cán bộ'], ['catalogue', 'Danh mục khen thưởng'], ['wards', 'Phường'], ['units', 'Đơn vị phê duyệt']];

export class AdminPage {
  title = 'Quản trị';
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.tab = 'staff'; this.error = null;
    this.staff = null; this.wards = null; this.catalogue = null;
    this.staffForm = null; this.revoking = null; this.revokeForm = new Form();
    this.wardForm = null; this.formForm = null; this.units = null; this.unitForm = null; this.levelForm = null;
  }

  async start() {
    try {
      const [s, w, c, u] = await Promise.all([api('/api/staff'), api('/api/wards'), api('/api/commendations/catalogue'), api('/api/units')]);
      this.staff = s.data; this.wards = w.data; this.catalogue = c.data; this.units = u.data; this.error = null;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  wardName(id) { return this.wards?.find(w => w.id === id)?.name ?? id; }
  unitName(id) { const u = this.units?.units.find(x => x.unit.id === id); return u ? sentence(u.approvingUnit) : id; }

  render() {
    const head = html`<h1 tabindex="-1">Quản trị</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.staff) return html`${head}${loading()}`;
    return html`${head}
      <div class="tabs" role="group" aria-label="Mục quản trị">
        ${TABS.map(([k, l]) => html`<button type="button" aria-pressed=${this.tab === k ? 'true' : 'false'} @click=${() => this.show(k)}>${l}</button>`)}
      </div>
      ${this.tab === 'staff' ? this.staffSection() : this.tab === 'catalogue' ? this.catalogueSection() : this.tab === 'wards' ? this.wardsSection() : this.unitsSection()}`;
  }

  show(tab) {
    this.tab = tab;
    refresh();
  }

  // ---- staff ----

  // A person holds any roles at once (e.g. ward officer and ward chairman of one ward): each ticked role is given, each
  // unticked one taken. Which roles may go together, and where, is the server's rule (its 400 shows beside "Vai trò").
  editStaff(person) {
    this.revoking = null;
    this.closeStaff();
    this.staffForm = new Form(person
      ? { objectId: person.objectId, displayName: person.displayName, roles: [...person.roles], wardId: person.wardId ?? this.wards[0]?.id ?? '', email: person.email ?? '', unitId: person.unitId ?? '' }
      : { objectId: '', displayName: '', roles: ['ward-officer'], wardId: this.wards[0]?.id ?? '', email: '', unitId: '' }, { guard: true });
    this.staffForm.existing = !!person;
    refresh();
  }

  closeStaff() { this.staffForm?.discard(); this.staffForm = null; }

  toggleRole(role, on) {
    const f = this.staffForm;
    const roles = roleCodes().filter(r => r === role ? on : f.values.roles.includes(r));
    f.set('roles', roles);
    refresh();
  }

  async saveStaff(e) {
    e.preventDefault();
    const f = this.staffForm; const v = f.values;
    if (!f.check({ objectId: v.objectId.trim() ? null : 'Vui lòng nhập mã đối tượng của người này (trong tài khoản cơ quan).',
                   displayName: v.displayName.trim() ? null : 'Vui lòng nhập họ và tên.' })) return;
    const wardScoped = v.roles.some(r => WARD_ROLES.includes(r));
    const body = { displayName: v.displayName.trim(), roles: v.roles, wardId: wardScoped ? v.wardId : null, email: v.email.trim() || null,
      unitId: wardScoped ? null : v.unitId || null };
    const r = await f.submit(requestId => api(`/api/staff/${enc(v.objectId.trim())}`, { method: 'PUT', body, requestId }));
    if (r) {
      this.staff = (await api('/api/staff')).data;
      this.closeStaff(); this.notice = `Đã lưu ${r.data.displayName}.`;
      refresh();
    }
  }

  rolesField(f) {
    const error = f.errorFor('roles');
    return html`<fieldset class="choices wide ${error ? 'has-error' : ''}" aria-describedby="${f.id}-roles-hint${error ? ` ${f.id}-roles-error` : ''}">
      <legend>Vai trò</legend>
      <p class="hint" id="${f.id}-roles-hint">Chọn một hoặc nhiều vai trò; bỏ chọn hết: người này không còn quyền dùng hệ thống.</p>
      ${roleChoices().map(([role, name]) => html`<label class="check"><input type="checkbox" name="roles" value=${role}
        .checked=${f.values.roles.includes(role)} @change=${e => this.toggleRole(role, e.target.checked)}> ${name}</label>`)}
      ${error ? html`<p class="error" id="${f.id}-roles-error">${error}</p>` : nothing}
    </fieldset>`;
  }

  async revoke(person) {
    const r = await this.revokeForm.submit(requestId => api(`/api/staff/${enc(person.objectId)}`, { method: 'DELETE', requestId }));
    if (r) {
      this.staff = this.staff.filter(s => s.objectId !== person.objectId);
      this.revoking = null; this.notice = `Đã thu hồi quyền của ${person.displayName}.`;
      refresh();
    }
  }

  staffSection() {
    const f = this.staffForm;
    return html`<section aria-labelledby="staff-h">
      <div class="section-head"><h2 id="staff-h">Danh sách cán bộ</h2>
        ${!f ? html`<button type="button" class="primary" @click=${() => this.editStaff(null)}>Thêm cán bộ</button>` : nothing}</div>
      ${this.notice ? html`<p class="alert ok" role="status">${this.notice}</p>` : nothing}
      ${f ? html`<form class="editor" @submit=${e => this.saveStaff(e)} novalidate aria-labelledby="staff-form-h">
        <h3 id="staff-form-h">${f.existing ? `Sửa: ${f.values.displayName}` : 'Thêm cán bộ'}</h3>
        ${formMessage(f, ['objectId', 'displayName', 'roles', 'wardId', 'email', 'unitId'])}
        <div class="grid">
          ${f.existing ? nothing : field(f, 'objectId', 'Mã đối tượng', { required: true, hint: 'Mã định danh của người này trong hệ thống tài khoản của cơ quan.' })}
          ${field(f, 'displayName', 'Họ và tên, chức vụ', { required: true })}
          ${this.rolesField(f)}
          ${f.values.roles.some(r => WARD_ROLES.includes(r)) ? field(f, 'wardId', 'Phường', { type: 'select', options: this.wards.map(w => [w.id, w.name]),
            hint: 'Vai trò cấp phường chỉ làm việc ở phường này.' }) : nothing}
          ${f.values.roles.length && !f.values.roles.some(r => WARD_ROLES.includes(r)) && this.units.units.length > 1 ? field(f, 'unitId', 'Đơn vị phê duyệt',
            { type: 'select', options: [['', 'Tất cả các đơn vị'], ...this.units.units.map(u => [u.unit.id, sentence(u.approvingUnit)])],
              hint: 'Người của một đơn vị chỉ xem và xử lý hồ sơ của các phường đơn vị đó phê duyệt.' }) : nothing}
          ${field(f, 'email', 'Thư điện tử', { type: 'email', hint: 'Để nhận nhắc việc qua thư (không bắt buộc).' })}
        </div>
        <div class="actions">${submitButton(f, 'Lưu')}<button type="button" @click=${() => { this.closeStaff(); refresh(); }}>Hủy</button></div>
      </form>` : nothing}
      ${this.staff.length === 0 ? empty('Chưa có cán bộ nào.') : html`<div class="table-wrap stack"><table>
        <caption class="visually-hidden">Cán bộ được dùng hệ thống</caption>
        <thead><tr><th scope="col">Họ và tên</th><th scope="col">Vai trò</th><th scope="col">Phường / đơn vị</th><th scope="col"><span class="visually-hidden">Thao tác</span></th></tr></thead>
        <tbody>${this.staff.map(p => html`<tr>
          <th scope="row">${p.displayName}${p.email ? html`<span class="sub">${p.email}</span>` : nothing}</th>
          <td data-label="Vai trò">${p.roles.length ? p.roles.map(r => roleName(r)).join(', ') : html`<span class="muted">(không có quyền)</span>`}</td>
          <td data-label="Phường / đơn vị">${p.wardId ? this.wardName(p.wardId) : p.unitId ? this.unitName(p.unitId) : '—'}</td>
          <td class="row-actions">
            ${this.revoking === p.objectId ? html`<span class="confirm">Thu hồi mọi quyền của người này?
                <button type="button" class="danger" ?disabled=${this.revokeForm.busy} @click=${() => this.revoke(p)}>Thu hồi</button>
                <button type="button" @click=${() => { this.revoking = null; refresh(); }}>Không</button></span>
                ${this.revokeForm.error ? html`<span class="error">${this.revokeForm.error.detail || this.revokeForm.error.title}</span>` : nothing}`
              : html`<button type="button" @click=${() => this.editStaff(p)} aria-label="Sửa ${p.displayName}">Sửa</button>
                ${p.objectId !== this.app.me.objectId ? html`<button type="button" class="danger" aria-label="Thu hồi quyền của ${p.displayName}"
                  @click=${() => { this.revoking = p.objectId; this.revokeForm = new Form(); this.closeStaff(); refresh(); }}>Thu hồi quyền</button>` : nothing}`}
          </td></tr>`)}</tbody></table></div>`}
    </section>`;
  }

  // ---- award catalogue ----

  editAward(form) {
    this.formForm?.discard();
    this.formForm = new Form(form ?? { id: '', name: '', decidedBy: 'district-leader', issuingBodyParent: '', issuingBody: '', signerAuthority: '', signerTitle: '', signerName: '', place: '' }, { guard: true });
    this.formForm.existing = !!form;
    refresh();
  }

  async saveAward(e) {
    e.preventDefault();
    const f = this.formForm; const v = f.values;
    if (!f.check({ id: /^[a-z0-9-]+$/.test(v.id.trim()) ? null : 'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ giay-khen-ubnd-quan.',
                   name: v.name.trim() ? null : 'Vui lòng nhập tên hình thức khen thưởng.' })) return;
    const body = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x]));
    const r = await f.submit(requestId => api(`/api/commendations/catalogue/${enc(body.id)}`, { method: 'PUT', body, requestId }));
    if (r) { this.catalogue = (await api('/api/commendations/catalogue')).data; f.discard(); this.formForm = null; refresh(); }
  }

  catalogueSection() {
    const f = this.formForm;
    const fields = ['id', 'name', 'decidedBy', 'issuingBodyParent', 'issuingBody', 'signerAuthority', 'signerTitle', 'signerName', 'place'];
    return html`<section aria-labelledby="cat-h">
      <div class="section-head"><h2 id="cat-h">Hình thức khen thưởng</h2>
        ${!f ? html`<button type="button" class="primary" @click=${() => this.editAward(null)}>Thêm hình thức</button>` : nothing}</div>
      ${f ? html`<form class="editor" @submit=${e => this.saveAward(e)} novalidate>
        ${formMessage(f, fields)}
        <div class="grid">
          ${f.existing ? nothing : field(f, 'id', 'Mã', { required: true })}
          ${field(f, 'name', 'Tên hình thức', { required: true, wide: true })}
          ${field(f, 'decidedBy', 'Cấp quyết định', { type: 'select', options: roleChoices() })}
          ${field(f, 'issuingBodyParent', 'Cơ quan cấp trên')}
          ${field(f, 'issuingBody', 'Cơ quan ban hành', { required: true })}
          ${field(f, 'signerAuthority', 'Thẩm quyền ký')}
          ${field(f, 'signerTitle', 'Chức vụ người ký', { required: true })}
          ${field(f, 'signerName', 'Họ tên người ký')}
          ${field(f, 'place', 'Địa danh')}
        </div>
        <div class="actions">${submitButton(f, 'Lưu')}<button type="button" @click=${() => { this.formForm.discard(); this.formForm = null; refresh(); }}>Hủy</button></div>
      </form>` : nothing}
      ${this.catalogue.length === 0 ? empty('Chưa có hình thức khen thưởng nào.') : html`<div class="table-wrap stack"><table>
        <thead><tr><th scope="col">Hình thức</th><th scope="col">Cấp quyết định</th><th scope="col">Cơ quan ban hành</th><th scope="col"><span class="visually-hidden">Thao tác</span></th></tr></thead>
        <tbody>${this.catalogue.map(a => html`<tr><th scope="row">${a.name}</th><td data-label="Cấp quyết định">${roleName(a.decidedBy)}</td><td data-label="Cơ quan ban hành">${a.issuingBody}</td>
          <td class="row-actions"><button type="button" @click=${() => this.editAward(a)} aria-label="Sửa ${a.name}">Sửa</button></td></tr>`)}</tbody></table></div>`}
    </section>`;
  }

  // ---- wards ----

  editWard(ward) {
    this.wardForm?.discard();
    this.wardForm = new Form(ward ? { id: ward.id, name: ward.name, approvingUnitId: ward.approvingUnitId, approvingUnitName: ward.approvingUnitName }
      : { id: '', name: '', approvingUnitId: this.wards[0]?.approvingUnitId ?? '', approvingUnitName: this.wards[0]?.approvingUnitName ?? '' }, { guard: true });
    this.wardForm.etag = ward?.eTag ?? null;
    this.wardForm.conflict = false;
    refresh();
  }

  async saveWard(e) {
    e.preventDefault();
    const f = this.wardForm; const v = f.values;
    if (!f.check({ id: /^[a-z0-9-]+$/.test(v.id.trim()) ? null : 'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ an-cu.',
                   name: v.name.trim() ? null : 'Vui lòng nhập tên phường.' })) return;
    const body = { id: v.id.trim(), name: v.name.trim(), approvingUnitId: v.approvingUnitId.trim(), approvingUnitName: v.approvingUnitName.trim() };
    const r = await f.submit(requestId => f.etag
      ? api(`/api/wards/${enc(body.id)}`, { method: 'PUT', body, etag: f.etag, requestId })
      : api('/api/wards', { method: 'POST', body, requestId }));
    if (r) { this.wards = (await api('/api/wards')).data; f.discard(); this.wardForm = null; refresh(); }
    else if (f.error?.status === 412) { f.conflict = true; refresh(); }
  }

  async reloadWard() {
    const f = this.wardForm;
    const r = await f.submit(() => api(`/api/wards/${enc(f.values.id)}`));
    if (r) { f.etag = r.etag ?? r.data.eTag; f.conflict = false; f.done = `Đã tải bản mới nhất (tên hiện tại: ${r.data.name}). Nội dung bạn nhập vẫn giữ nguyên: bấm Lưu để ghi.`; refresh(); }
  }

  wardsSection() {
    const f = this.wardForm;
    return html`<section aria-labelledby="wards-h">
      <div class="section-head"><h2 id="wards-h">Các phường</h2>
        ${!f ? html`<button type="button" class="primary" @click=${() => this.editWard(null)}>Thêm phường</button>` : nothing}</div>
      ${f ? html`<form class="editor" @submit=${e => this.saveWard(e)} novalidate>
        ${f.conflict ? html`<div class="alert warn" role="alert"><p><strong>Người khác vừa thay đổi phường này.</strong> Nội dung bạn nhập vẫn còn.</p>
          <button type="button" class="primary" @click=${() => this.reloadWard()}>Tải bản mới nhất, giữ nội dung đã nhập</button></div>`
          : formMessage(f, ['id', 'name', 'approvingUnitId', 'approvingUnitName'])}
        <div class="grid">
          ${f.etag ? nothing : field(f, 'id', 'Mã phường', { required: true })}
          ${field(f, 'name', 'Tên phường', { required: true })}
          ${field(f, 'approvingUnitId', 'Mã cấp phê duyệt')}
          ${field(f, 'approvingUnitName', 'Tên cấp phê duyệt', { wide: true })}
        </div>
        <div class="actions">${submitButton(f, 'Lưu')}<button type="button" @click=${() => { this.wardForm.discard(); this.wardForm = null; refresh(); }}>Hủy</button></div>
      </form>` : nothing}
      <div class="table-wrap stack"><table>
        <thead><tr><th scope="col">Phường</th><th scope="col">Mã</th><th scope="col">Cấp phê duyệt</th><th scope="col"><span class="visually-hidden">Thao tác</span></th></tr></thead>
        <tbody>${this.wards.map(w => html`<tr><th scope="row">${w.name}</th><td data-label="Mã"><code>${w.id}</code></td><td data-label="Cấp phê duyệt">${w.approvingUnitName}</td>
          <td class="row-actions"><button type="button" @click=${() => this.editWard(w)} aria-label="Sửa phường ${w.name}">Sửa</button></td></tr>`)}</tbody>
      </table></div>
    </section>`;
  }
  // ---- levels and approving units (docs/units.md) ----

  editUnit(view) {
    this.unitForm?.discard();
    const u = view?.unit;
    const levels = this.units.levels;
    this.unitForm = new Form({ id: u?.id ?? '', name: u?.name ?? '', levelId: u?.levelId ?? levels[0]?.id ?? '', parentName: u?.parentName ?? '',
      leaderTitle: u?.leaderTitle ?? '', policeHeadTitle: u?.policeHeadTitle ?? '', committee: u?.committee ?? '', police: u?.police ?? '',
      council: u?.council ?? '', reportTo: u?.reportTo ?? '', copyTo: u?.copyTo ?? '' }, { guard: true });
    this.unitForm.existing = !!u;
    this.unitForm.etag = view?.eTag ?? null;
    refresh();
  }

  async saveUnit(e) {
    e.preventDefault();
    const f = this.unitForm; const v = f.values;
    if (!f.check({ id: /^[a-z0-9-]+$/.test(v.id.trim()) ? null : 'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ cai-khe.',
                   name: v.name.trim() ? null : 'Vui lòng nhập tên đơn vị (không kèm cấp, ví dụ: Cái Khế).' })) return;
    const { id, ...rest } = v;
    const body = Object.fromEntries(Object.entries(rest).map(([k, x]) => [k, x.trim() || null]));
    const r = await f.submit(requestId => api(`/api/admin/units/${enc(id.trim())}`, { method: 'PUT', body, requestId, ...(f.etag ? { etag: f.etag } : {}) }));
    if (r) { this.units = (await api('/api/units')).data; f.discard(); this.unitForm = null; this.notice = `Đã lưu ${sentence(r.data.approvingUnit)}.`; refresh(); }
    else if (f.error?.status === 412) {
      // Someone else saved the unit meanwhile: keep what was typed, take the new ETag, and say so.
      this.units = (await api('/api/units')).data;
      f.etag = this.units.units.find(x => x.unit.id === id.trim())?.eTag ?? f.etag;
      f.done = 'Người khác vừa lưu đơn vị này. Nội dung bạn nhập vẫn giữ nguyên: kiểm tra rồi bấm Lưu để ghi đè.';
      refresh();
    }
  }

  editLevel() { this.levelForm?.discard(); this.levelForm = new Form({ id: '', name: '' }, { guard: true }); refresh(); }

  async saveLevel(e) {
    e.preventDefault();
    const f = this.levelForm; const v = f.values;
    if (!f.check({ id: /^[a-z0-9-]+$/.test(v.id.trim()) ? null : 'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ dac-khu.',
                   name: v.name.trim() ? null : 'Vui lòng nhập tên cấp (ví dụ: phường, xã, đặc khu).' })) return;
    const r = await f.submit(requestId => api(`/api/admin/levels/${enc(v.id.trim())}`, { method: 'PUT', body: { name: v.name.trim() }, requestId }));
    if (r) { this.units = (await api('/api/units')).data; f.discard(); this.levelForm = null; refresh(); }
  }

  unitsSection() {
    const f = this.unitForm; const lf = this.levelForm; const d = this.units;
    const fields = ['id', 'name', 'levelId', 'parentName', 'leaderTitle', 'policeHeadTitle', 'committee', 'police', 'council', 'reportTo', 'copyTo'];
    return html`<section aria-labelledby="units-h">
      <div class="section-head"><h2 id="units-h">Đơn vị phê duyệt</h2>
        ${!f ? html`<button type="button" class="primary" @click=${() => this.editUnit(null)}>Thêm đơn vị</button>` : nothing}</div>
      <p class="hint">Đơn vị phê duyệt kiện toàn tổ và khen thưởng của các phường gắn với nó (mã đơn vị là "Mã cấp phê duyệt" của phường).
        Từ ngày 01/7/2025, phường tự phê duyệt: mã đơn vị là mã của chính phường đó. Tên các cơ quan để trống sẽ được ghép từ cấp và tên đơn vị.</p>
      ${this.notice && this.tab === 'units' ? html`<p class="alert ok" role="status">${this.notice}</p>` : nothing}
      ${f ? html`<form class="editor" @submit=${e => this.saveUnit(e)} novalidate aria-labelledby="unit-form-h">
        <h3 id="unit-form-h">${f.existing ? `Sửa: ${f.values.name}` : 'Thêm đơn vị phê duyệt'}</h3>
        ${formMessage(f, fields)}
        <div class="grid">
          ${f.existing ? nothing : field(f, 'id', 'Mã đơn vị', { required: true, hint: 'Trùng với "Mã cấp phê duyệt" của các phường đơn vị này phê duyệt.' })}
          ${field(f, 'name', 'Tên đơn vị (không kèm cấp)', { required: true, hint: 'Ví dụ: Ninh Kiều, Cái Khế.' })}
          ${field(f, 'levelId', 'Cấp', { type: 'select', options: d.levels.map(l => [l.id, l.name]) })}
          ${field(f, 'parentName', 'Cấp trên (dòng đầu tiêu đề văn bản)', { hint: 'Ví dụ: thành phố Cần Thơ.' })}
          ${field(f, 'leaderTitle', 'Chức danh người ký quyết định', { hint: 'Ví dụ: Phó Chủ tịch.' })}
          ${field(f, 'policeHeadTitle', 'Chức danh Trưởng Công an', { hint: 'Ví dụ: Trưởng Công an phường.' })}
          ${field(f, 'committee', 'Tên Ủy ban nhân dân', { wide: true, hint: 'Để trống: "Ủy ban nhân dân {cấp} {tên}".' })}
          ${field(f, 'police', 'Tên cơ quan Công an', { wide: true, hint: 'Để trống: "Công an {cấp} {tên}".' })}
          ${field(f, 'council', 'Tên Hội đồng Thi đua – Khen thưởng', { wide: true })}
          ${field(f, 'reportTo', 'Báo cáo sơ kết gửi (Kính gửi)', { wide: true })}
          ${field(f, 'copyTo', 'Báo cáo sơ kết: nơi nhận khác', { wide: true })}
        </div>
        <div class="actions">${submitButton(f, 'Lưu')}<button type="button" @click=${() => { this.unitForm.discard(); this.unitForm = null; refresh(); }}>Hủy</button></div>
      </form>` : nothing}
      ${d.units.length === 0 ? empty('Chưa mô tả đơn vị phê duyệt nào: các văn bản dùng tên cấp phê duyệt ghi ở từng phường.') : html`<div class="table-wrap stack"><table>
        <caption class="visually-hidden">Các đơn vị phê duyệt</caption>
        <thead><tr><th scope="col">Đơn vị</th><th scope="col">Cơ quan</th><th scope="col">Phường được phê duyệt</th><th scope="col"><span class="visually-hidden">Thao tác</span></th></tr></thead>
        <tbody>${d.units.map(u => html`<tr><th scope="row">${sentence(u.approvingUnit)}<span class="sub"><code>${u.unit.id}</code></span></th>
          <td data-label="Cơ quan">${u.committee}<span class="sub">${u.police}</span></td>
          <td data-label="Phường được phê duyệt">${u.wards.length ? u.wards.map(w => w.name).join(', ') : html`<span class="muted">(chưa có phường nào)</span>`}</td>
          <td class="row-actions"><button type="button" @click=${() => this.editUnit(u)} aria-label="Sửa ${u.approvingUnit}">Sửa</button></td></tr>`)}</tbody>
      </table></div>`}
      <div class="section-head"><h3 id="levels-h">Các cấp</h3>
        ${!lf ? html`<button type="button" @click=${() => this.editLevel()}>Thêm cấp</button>` : nothing}</div>
      ${lf ? html`<form class="editor" @submit=${e => this.saveLevel(e)} novalidate aria-labelledby="levels-h">
        ${formMessage(lf, ['id', 'levelId', 'name'])}
        <div class="grid">${field(lf, 'id', 'Mã cấp', { required: true, hint: 'Ví dụ: dac-khu.' })}${field(lf, 'name', 'Tên cấp', { required: true, hint: 'Chữ thường, ví dụ: đặc khu.' })}</div>
        <div class="actions">${submitButton(lf, 'Lưu')}<button type="button" @click=${() => { this.levelForm.discard(); this.levelForm = null; refresh(); }}>Hủy</button></div>
      </form>` : nothing}
      <p>${d.levels.length ? d.levels.map(l => l.name).join(', ') : 'Chưa có cấp nào.'}</p>
    </section>`;
  }
}
