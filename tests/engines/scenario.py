"""What the tests ask of every engine (tests/test_engines.py), as steps any driver can run: Chromium
through playwright, Firefox ESR through puppeteer-core (firefox.mjs), WebKitGTK through Selenium
(webkit.py). A step is one of:

  {"goto": path}                  open the site's page
  {"reload": True}                reload it
  {"run": js}                     run statements in the page
  {"wait": js, "timeout": ms}     until the expression is truthy
  {"read": js, "as": name}        keep the expression's (JSON) value as ``name``

Each driver returns {name: value} for the reads, or fails with the step it could not do.
"""

from __future__ import annotations

CALCULATOR = "calculators/zhejiang-committee-vote/"
FORM = "forms/xinzhou-self-assessment/"
NAME = "张三丰"

# every Blob the page hands to the reader as a download, kept as base64 (browser/download.js)
CATCH_DOWNLOADS = """
window.__downloads = [];
const make = URL.createObjectURL.bind(URL);
URL.createObjectURL = (blob) => {
  blob.arrayBuffer().then((buffer) => {
    const bytes = new Uint8Array(buffer);
    let text = "";
    for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    window.__downloads.push(btoa(text));
  });
  return make(blob);
};
"""


def calculator_visit(n: int, reload: bool = False) -> list[dict]:
    """Open the calculator (or reload it), type 17 as soon as the page is there, read the first result."""
    calc = "document.querySelector('.calc')"
    return [
        {"reload": True} if reload else {"goto": CALCULATOR},
        {"run": "const f = document.querySelector('#f-attending'); f.value = '17';"
                "f.dispatchEvent(new Event('input', {bubbles: true}));"},
        {"wait": f"{calc}.dataset.firstResultMs || {calc}.dataset.ready === 'failed'", "timeout": 90_000},
        {"read": "document.querySelector('.calc-outcome').textContent.trim()", "as": f"outcome{n}"},
        {"read": f"Number({calc}.dataset.firstResultMs)", "as": f"first_result_ms{n}"},
        {"read": f"{calc}.dataset.pythonStart", "as": f"start{n}"},
        {"read": f"JSON.parse({calc}.dataset.workerTimings || '{{}}').how || ''", "as": f"how{n}"},
    ]


STEPS: list[dict] = [
    *calculator_visit(1),     # a first visit: nothing kept
    # the reader stays a moment: the worker keeps the snapshot after the first answer
    {"wait": "localStorage.getItem('hb-python-kept')", "timeout": 30_000},
    *calculator_visit(2),     # the next visit: the snapshot kept by the first
    *calculator_visit(3, reload=True),
    # a form's draft, kept across a reload
    {"goto": FORM},
    {"wait": "document.querySelector('.form-sheet').dataset.ready === 'true'", "timeout": 30_000},
    {"run": f"const i = document.querySelector('.form-sheet input[type=text]'); i.value = '{NAME}';"
            "i.dispatchEvent(new Event('input', {bubbles: true}));"},
    {"wait": f"JSON.stringify(localStorage).includes('{NAME}')", "timeout": 10_000},
    {"reload": True},
    {"wait": "document.querySelector('.form-sheet').dataset.ready === 'true'", "timeout": 30_000},
    {"read": "document.querySelector('.form-sheet input[type=text]').value", "as": "draft"},
    {"read": "document.querySelector('.form-message').textContent", "as": "draft_message"},
    # the same form as a Word file, made in the page
    {"run": CATCH_DOWNLOADS + "document.querySelector('[data-action=export-docx]').click();"},
    {"wait": "window.__downloads.length > 0", "timeout": 90_000},
    {"read": "window.__downloads[0]", "as": "docx"},
    # a search with results
    {"goto": "search/?q=公示期"},
    {"wait": "document.querySelectorAll('.hb-search-results li').length > 0", "timeout": 30_000},
    {"read": "[...document.querySelectorAll('.hb-search-results li > a')].slice(0, 3).map(a => a.textContent.trim())",
     "as": "search"},
]
