// The page of `gen serve`: a report list, a form built from the data-format
// schema, and the pages as they will print (pdf.js canvases of the PDF gen
// makes). Every message comes from the server: the CLI's loader, validator
// and lint.
import * as pdfjsLib from '/assets/vendor/pdfjs/pdf.min.mjs';

pdfjsLib.GlobalWorkerOptions.workerSrc = '/assets/vendor/pdfjs/pdf.worker.min.mjs';
const worker = new pdfjsLib.PDFWorker();
window.addEventListener('unhandledrejection', (e) => { document.body.dataset.jsError = String(e.reason && e.reason.stack || e.reason); });
window.addEventListener('error', (e) => { document.body.dataset.jsError = String(e.message); });
const token = document.querySelector('meta[name="gen-token"]').content;
const $ = (sel) => document.querySelector(sel);

const zh = {
  button_add_row_title: '添加{{0}}', button_add: '添加',
  button_delete_row_title: '删除{{0}}', button_delete_row_title_short: '删除',
  button_copy_row_title: '复制{{0}}', button_copy_row_title_short: '复制',
  button_move_up_title: '上移', button_move_down_title: '下移',
  button_collapse: '收起', button_expand: '展开',
  button_delete_all: '全部', button_delete_all_title: '全部删除',
  button_delete_last: '最后一个{{0}}', button_delete_last_title: '删除最后一个{{0}}',
  button_delete_node_warning: '确定删除这一项？', default_array_item_title: '项',
  button_properties: '字段', button_object_properties: '字段', button_edit_json: 'JSON',
};
JSONEditor.defaults.languages.zh = Object.assign({}, JSONEditor.defaults.languages.en, zh);
JSONEditor.defaults.language = 'zh';
// Headers like "3. 工作成效": a missing heading prints as nothing, not "undefined".
JSONEditor.defaults.templates.gen = () => ({
  compile: (tpl) => (view) => tpl.replace(/{{\s*([\w.]+)\s*}}/g, (_, path) => {
    const v = path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), view);
    return v == null ? '' : String(v);
  }),
});
JSONEditor.defaults.template = 'gen';

const state = {
  schema: null, info: null, editor: null, name: null, ready: false,
  timer: 0, seq: 0, renders: 0, dirty: false, lastDiags: [],
};

// api sends a request with the page's token; errors become exceptions that
// carry the server's JSON error.
async function api(method, url, body, type, headers) {
  const opt = { method, headers: Object.assign({ 'X-Gen-Token': token }, headers || {}) };
  if (body !== undefined) {
    if (type === 'raw') {
      opt.body = body;
    } else {
      opt.body = JSON.stringify(body);
      opt.headers['Content-Type'] = 'application/json';
    }
  }
  const res = await fetch(url, opt);
  if (!res.ok) {
    let err = { code: 'http', message: res.status + ' ' + res.statusText };
    try { err = (await res.json()).error || err; } catch (e) { /* not JSON */ }
    const ex = new Error(err.message);
    ex.api = err;
    throw ex;
  }
  return res;
}

async function loadList() {
  const res = await api('GET', '/api/reports');
  const { reports } = await res.json();
  const body = $('#list tbody');
  body.textContent = '';
  for (const r of reports) {
    const tr = document.createElement('tr');
    tr.dataset.name = r.name;
    tr.className = r.kind === 'invalid' ? 'report invalid' : 'report';
    if (r.name === state.name) tr.classList.add('current');
    const cells = r.kind === 'manifest'
      ? ['汇编清单', '', r.title, '', '']
      : [r.agency || r.name, r.year || '', r.title || r.message || '', r.pages || '',
        r.errors ? r.errors + ' 错' : (r.warnings ? r.warnings + ' 警' : '')];
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      td.textContent = c;
      if (i === 4) td.className = r.errors ? 'err' : 'warn';
      tr.appendChild(td);
    });
    tr.title = r.name + (r.message ? '\n' + r.message : '');
    tr.addEventListener('click', () => openReport(r.name));
    body.appendChild(tr);
  }
}

async function openReport(name) {
  if (state.dirty && !confirm('当前报告还没有保存，确定打开另一篇？')) return;
  const res = await api('GET', '/api/reports/' + encodeURIComponent(name));
  const doc = await res.json();
  state.name = name;
  state.etag = doc.etag;
  state.dirty = false;
  $('#file-name').textContent = name;
  $('#save-status').textContent = '';
  document.querySelectorAll('#list tr').forEach((tr) => tr.classList.toggle('current', tr.dataset.name === name));
  if (state.editor) { state.editor.destroy(); state.editor = null; }
  $('#form').textContent = '';
  showDiags(doc.diagnostics, false);
  const reason = $('#reason');
  reason.hidden = doc.form;
  reason.textContent = doc.reason || '';
  ['#save', '#dl-pdf', '#dl-docx'].forEach((b) => { $(b).disabled = !doc.form; });
  if (!doc.form) return;
  makeEditor(doc.data);
}

function makeEditor(data) {
  state.ready = false;
  const ed = new JSONEditor($('#form'), {
    schema: state.schema, startval: data, theme: 'html', iconlib: null,
    disable_edit_json: true, disable_properties: true, prompt_before_delete: false,
    show_errors: 'never', required_by_default: true, no_additional_properties: false,
    use_default_values: false, array_controls_top: false, disable_array_delete_all_rows: true,
    disable_array_delete_last_row: true,
  });
  state.editor = ed;
  window.genEditor = ed;
  ed.on('ready', () => {
    state.ready = true;
    schedule(0);
  });
  ed.on('change', () => {
    if (!state.ready) return;
    markDirty();
    schedule();
  });
}

// Typing: the form library takes a value on "change"; give it one on every
// keystroke so the preview follows the typing.
// The field being edited: the preview shows its page.
$('#form').addEventListener('focusin', (e) => {
  const box = e.target.closest('[data-schemapath]');
  if (box) state.focus = box.dataset.schemapath;
});

$('#form').addEventListener('input', (e) => {
  const t = e.target;
  state.lastInput = performance.now();
  if (t.matches('input, textarea')) t.dispatchEvent(new Event('change', { bubbles: true }));
});

function markDirty() {
  state.dirty = true;
  $('#save-status').textContent = '未保存';
}

// schedule asks for a preview once typing pauses (120 ms).
function schedule(delay = 120) {
  clearTimeout(state.timer);
  state.scheduledAt = performance.now();
  document.body.dataset.pending = '1';
  state.timer = setTimeout(preview, delay);
}

// visiblePages are the preview pages in view (1-based); [1, 2] at first.
function visiblePages() {
  const view = $('#preview').getBoundingClientRect();
  const out = [];
  document.querySelectorAll('#pages canvas').forEach((c, i) => {
    const r = c.getBoundingClientRect();
    if (r.bottom > view.top && r.top < view.bottom) out.push(i + 1);
  });
  return out.length ? out : [1, 2];
}

// preview sends the form's data and draws the answer: first only the pages
// in view and the page of the field being edited (full=false; the preview
// scrolls to that page), then, once typing has paused a little longer, all
// pages (full=true, same seq).
async function preview(full = false, fullSeq = 0) {
  if (!full) delete document.body.dataset.pending;
  if (!state.editor) return;
  const seq = full ? fullSeq : ++state.seq;
  if (!full) {
    document.body.dataset.seq = String(seq);
    $('#preview-status').textContent = '排版中…';
  }
  let out;
  const t0 = performance.now();
  try {
    const body = { name: state.name, data: state.editor.getValue() };
    if (!full) {
      body.pages = visiblePages();
      if (state.focus) body.focus = state.focus;
    }
    const t1 = performance.now();
    const res = await api('POST', '/api/preview', body);
    out = await res.json();
    if (!full) {
      state.phases = { toChange: Math.round(state.scheduledAt - (state.lastInput || 0)), wait: Math.round(t0 - state.scheduledAt),
        value: Math.round(t1 - t0), server: Math.round(performance.now() - t1) };
    }
  } catch (e) {
    if (seq === state.seq) {
      $('#preview-status').textContent = e.message;
      document.body.dataset.done = String(seq);
    }
    return;
  }
  if (seq !== state.seq) return; // a newer preview is on its way
  if (!full) showDiags(out.diagnostics, true);
  if (!out.ok) {
    $('#preview-status').textContent = '数据有错误，预览显示上一次的结果';
    document.body.dataset.previewOk = 'false';
    document.body.dataset.done = String(seq);
    document.body.dataset.drawn = String(seq);
    document.body.dataset.renders = String(++state.renders);
    return;
  }
  const bytes = Uint8Array.from(atob(out.pdf), (c) => c.charCodeAt(0));
  await drawPDF(bytes, seq, out.pages, out.pdf_pages, !full, full ? 0 : out.focus_page);
  if (!full && seq === state.seq) {
    if (out.pdf_pages.length < out.pages) {
      setTimeout(() => {
        if (seq === state.seq && !document.body.dataset.pending) preview(true, seq);
      }, 500);
    } else {
      document.body.dataset.drawn = String(seq);
    }
  }
}

// drawPDF draws the pages of the PDF (the report's pages nums) on new
// canvases and swaps each in as it is done; the other pages stay as they
// were, dimmed, until a full preview redraws them.
async function drawPDF(bytes, seq, total, nums, first, focusPage) {
  const t0 = performance.now();
  const task = pdfjsLib.getDocument({ data: bytes, worker, isEvalSupported: false, disableFontFace: true });
  const pdf = await task.promise;
  const t1 = performance.now();
  try {
    const holder = $('#pages');
    const width = Math.min($('#preview').clientWidth - 30, 440);
    const ratio = window.devicePixelRatio || 1;
    let have = holder.querySelectorAll('canvas');
    for (let i = have.length; i < total; i++) {
      const c = document.createElement('canvas');
      c.style.width = width + 'px';
      c.style.height = Math.round(width * 1.4142) + 'px';
      holder.appendChild(c);
    }
    [...holder.querySelectorAll('canvas')].slice(total).forEach((c) => c.remove());
    have = [...holder.querySelectorAll('canvas')];
    have.forEach((c, i) => { c.dataset.page = String(i + 1); c.classList.toggle('stale', !nums.includes(i + 1)); });
    if (focusPage && !visiblePages().includes(focusPage)) {
      // Show the page where the clerk is typing.
      have[focusPage - 1].scrollIntoView({ block: 'nearest' });
      document.body.dataset.focusPage = String(focusPage);
    }
    for (let k = 0; k < nums.length; k++) {
      if (seq !== state.seq) return;
      const page = await pdf.getPage(k + 1);
      const base = page.getViewport({ scale: 1 });
      const vp = page.getViewport({ scale: (width / base.width) * ratio });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(vp.width);
      canvas.height = Math.floor(vp.height);
      canvas.style.width = Math.floor(vp.width / ratio) + 'px';
      canvas.dataset.page = String(nums[k]);
      await page.render({ canvasContext: canvas.getContext('2d'), viewport: vp }).promise;
      if (seq !== state.seq) return;
      holder.querySelectorAll('canvas')[nums[k] - 1].replaceWith(canvas);
    }
    if (first) {
      $('#page-count').textContent = '共 ' + total + ' 页';
      $('#page-count').dataset.pages = String(total);
      $('#preview-status').textContent = '';
      document.body.dataset.previewOk = 'true';
      document.body.dataset.done = String(seq);
      if (state.phases) document.body.dataset.phases = JSON.stringify(Object.assign(state.phases, { parse: Math.round(t1 - t0), draw: Math.round(performance.now() - t1) }));
      if (state.lastInput) document.body.dataset.latency = String(Math.round(performance.now() - state.lastInput));
      document.body.dataset.renders = String(++state.renders);
    } else {
      document.body.dataset.drawn = String(seq);
    }
  } finally {
    await task.destroy();
  }
}

// fieldEditor is the form's editor of path, or of its nearest parent.
function fieldEditor(path) {
  if (!state.editor || !path) return null;
  let p = path;
  while (p) {
    const ed = state.editor.getEditor(p);
    if (ed) return ed;
    const i = p.lastIndexOf('.');
    if (i < 0) break;
    p = p.slice(0, i);
  }
  return state.editor.getEditor('root');
}

// showDiags lists the messages above the form and puts each one at its
// field; a click on the list jumps to the field.
function showDiags(diags, atFields) {
  diags = diags || [];
  state.lastDiags = diags;
  document.querySelectorAll('#form .gen-msg').forEach((n) => n.remove());
  document.querySelectorAll('#form .gen-bad').forEach((n) => n.classList.remove('gen-bad', 'gen-bad-error', 'gen-bad-warning'));
  const list = $('#problems');
  list.textContent = '';
  for (const d of diags) {
    const li = document.createElement('li');
    li.className = d.severity;
    li.textContent = (d.severity === 'error' ? '错误 ' : '提示 ') + (d.line ? d.line + ':' + d.col + ' ' : '') + d.message;
    li.dataset.code = d.code;
    if (d.path) li.dataset.path = d.path;
    li.addEventListener('click', () => jump(d.path));
    list.appendChild(li);
    if (!atFields) continue;
    const ed = fieldEditor(d.path);
    if (!ed || !ed.container) continue;
    const msg = document.createElement('div');
    msg.className = 'gen-msg ' + d.severity;
    msg.dataset.code = d.code;
    msg.textContent = d.message;
    if (ed.path === 'root') {
      ed.container.prepend(msg);
    } else {
      ed.container.appendChild(msg);
    }
    ed.container.classList.add('gen-bad', 'gen-bad-' + d.severity);
  }
}

function jump(path) {
  const ed = fieldEditor(path);
  if (!ed || !ed.container) return;
  ed.container.scrollIntoView({ block: 'center' });
  ed.container.classList.remove('gen-flash');
  void ed.container.offsetWidth;
  ed.container.classList.add('gen-flash');
  const input = ed.container.querySelector('input, textarea, select');
  if (input) input.focus();
}

async function save(force) {
  if (!state.editor || !state.name) return;
  try {
    const hdr = force || !state.etag ? {} : { 'If-Match': state.etag };
    const res = await api('PUT', '/api/reports/' + encodeURIComponent(state.name), { data: state.editor.getValue() }, 'json', hdr);
    const out = await res.json();
    state.etag = out.etag;
    state.dirty = false;
    const t = new Date().toLocaleTimeString('zh-CN', { hour12: false });
    $('#save-status').textContent = '已保存 ' + t + (out.errors ? '（有 ' + out.errors + ' 处错误，生成前请改正）' : '');
    $('#save-status').dataset.saved = String(Date.now());
    loadList();
  } catch (e) {
    if (e.api && e.api.code === 'changed' && confirm(e.message + '\n\n确定用表单的内容覆盖？')) return save(true);
    $('#save-status').textContent = '保存失败：' + e.message;
  }
}

// download asks the server for the file and hands it to the browser.
async function download(url, body, fallback) {
  const res = await api('POST', url, body);
  const blob = await res.blob();
  let name = fallback;
  const cd = res.headers.get('Content-Disposition') || '';
  const m = cd.match(/filename\*=UTF-8''([^;]+)/);
  if (m) name = decodeURIComponent(m[1]);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
  return res;
}

async function downloadReport(format) {
  try {
    await download('/api/render?format=' + format, { name: state.name, data: state.editor.getValue() }, 'report.' + format);
  } catch (e) {
    $('#save-status').textContent = '无法生成：' + e.message;
  }
}

async function buildVolume() {
  const status = $('#vol-status');
  status.textContent = '汇编中…';
  const q = 'template=' + encodeURIComponent($('#vol-template').value) + ($('#vol-duplex').checked ? '&duplex=1' : '');
  try {
    const res = await download('/api/compile?format=pdf&' + q, {}, 'volume.pdf');
    status.textContent = decodeURIComponent((res.headers.get('X-Gen-Summary') || '').replace(/\+/g, ' '));
    status.dataset.pages = res.headers.get('X-Gen-Pages') || '';
    const docx = document.createElement('button');
    docx.type = 'button';
    docx.textContent = '汇编 DOCX';
    docx.addEventListener('click', () => download('/api/compile?format=docx&' + q, {}, 'volume.docx'));
    status.appendChild(document.createTextNode(' '));
    status.appendChild(docx);
  } catch (e) {
    status.textContent = e.message;
    if (e.api && e.api.problems) {
      const lines = [];
      for (const p of e.api.problems) for (const d of p.diagnostics) lines.push(d.text);
      status.title = lines.join('\n');
      showDiags(e.api.problems.flatMap((p) => p.diagnostics.map((d) => Object.assign({}, d, { message: p.name + ': ' + d.message }))), false);
    }
  }
}

async function newReport(ev) {
  ev.preventDefault();
  const status = $('#new-status');
  try {
    const res = await api('POST', '/api/new', { agency: $('#new-agency').value, year: parseInt($('#new-year').value, 10) || 0 });
    const out = await res.json();
    status.textContent = '已新建 ' + out.name;
    await loadList();
    await openReport(out.name);
  } catch (e) {
    status.textContent = e.message;
  }
}

// Dropping a .docx/.txt/.md imports it (gen import), when this build has it.
function setupDrop() {
  const drop = $('#drop');
  if (!state.info.import) {
    drop.textContent = '本版本还不能导入 .docx/.txt（gen import 尚未提供）';
  }
  document.addEventListener('dragover', (e) => { e.preventDefault(); document.body.classList.add('dragging'); });
  document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
  document.addEventListener('drop', async (e) => {
    e.preventDefault();
    document.body.classList.remove('dragging');
    const file = e.dataTransfer.files[0];
    if (!file) return;
    if (!state.info.import) { drop.textContent = '本版本还不能导入 ' + file.name; return; }
    try {
      const res = await api('POST', '/api/import?name=' + encodeURIComponent(file.name), file, 'raw');
      const out = await res.json();
      drop.textContent = '已导入为 ' + out.names.join('、') + (out.diagnostics.length ? '（' + out.diagnostics.length + ' 条提示）' : '');
      await loadList();
      await openReport(out.name);
    } catch (err) {
      drop.textContent = err.message;
      if (err.api && err.api.diagnostics) showDiags(err.api.diagnostics, false);
    }
  });
}

async function start() {
  const [info, schema] = await Promise.all([
    api('GET', '/api/info').then((r) => r.json()),
    api('GET', '/api/schema').then((r) => r.json()),
  ]);
  state.info = info;
  state.schema = schema;
  $('#dir').textContent = info.dir;
  for (const t of info.templates) {
    const o = document.createElement('option');
    o.value = o.textContent = t;
    $('#vol-template').appendChild(o);
  }
  $('#new-year').value = String(new Date().getFullYear() - 1);
  $('#save').addEventListener('click', () => save(false));
  $('#dl-pdf').addEventListener('click', () => downloadReport('pdf'));
  $('#dl-docx').addEventListener('click', () => downloadReport('docx'));
  $('#vol-build').addEventListener('click', buildVolume);
  $('#new-form').addEventListener('submit', newReport);
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save(false); }
  });
  window.addEventListener('beforeunload', (e) => { if (state.dirty) e.preventDefault(); });
  setupDrop();
  await loadList();
  document.body.dataset.started = 'true';
}

start();
