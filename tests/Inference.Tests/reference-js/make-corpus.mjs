// Builds ../Data/corpus/real-text.jsonl, the corpus on which the C# tokenizer must give the same ids as
// js-tiktoken's r50k_base. It samples real text that a Debian machine ships: licences, package documentation,
// manual pages in 25 languages (CJK, Cyrillic, accents), Python, Perl and C source (indentation, tabs), and files
// heavy in Unicode (CJK test data, emoji tables, Arabic, Hebrew and Persian locale data).
//
//   node make-corpus.mjs        (run on the machine that made the committed file; other machines hold other files)
//
// Each output line is one JSON string. About a third of the entries are several consecutive lines joined with "\n",
// so runs of newlines, spaces and tabs occur inside an entry. The sampling is seeded, so the same files give the
// same corpus.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const output = join(dirname(fileURLToPath(import.meta.url)), "..", "Data", "corpus", "real-text.jsonl");
const maxEntryLength = 2000; // chars; keeps the file to about a megabyte

// Where the pattern's \s differs between JavaScript and Python's regex module (GPT-2): U+0085 is White_Space only
// in Python, U+FEFF is \s only in JavaScript. The C# tests check those two against Python's behaviour separately.
const differsBetweenRegexEngines = /[\u0085\ufeff]/;

// mulberry32: a small seeded generator, so the sample does not change from run to run.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(20240607);
const pick = (items) => items[Math.floor(next() * items.length)];

function walk(root, accept, depth = 6) {
  if (!existsSync(root)) return [];
  const found = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    let info;
    try {
      info = statSync(path);
    } catch {
      continue;
    }
    if (info.isDirectory() && depth > 0) found.push(...walk(path, accept, depth - 1));
    else if (info.isFile() && info.size > 0 && info.size < 4_000_000 && accept(path)) found.push(path);
  }
  return found;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
function readLines(path) {
  try {
    const bytes = readFileSync(path);
    return utf8.decode(path.endsWith(".gz") ? gunzipSync(bytes) : bytes).split("\n");
  } catch {
    return null; // not UTF-8, or not readable
  }
}

const manLanguages = ["cs", "da", "de", "es", "fi", "fr", "hr", "hu", "id", "it", "nl", "pl", "pt", "pt_BR", "ro", "ru",
  "sl", "sr", "sv", "tr", "uk"];
const cjkManLanguages = ["ja", "ko", "zh_CN", "zh_TW"];
const anyText = () => true;
const nonAscii = (entry) => /[^\x00-\x7f]/.test(entry);
const rightToLeft = (entry) => /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(entry);
const python312 = "/root/.pyenv/versions/3.12.1/lib/python3.12";

// [name, entries to take, files, which entries to keep]
const sources = [
  ["licences", 1200, walk("/usr/share/common-licenses", () => true), anyText],
  ["package docs", 1500, walk("/usr/share/doc", (p) => /\/(copyright|README[^/]*|NEWS|AUTHORS|THANKS)$/.test(p), 2), anyText],
  ["node changelogs", 500, walk("/usr/share/doc/nodejs", (p) => p.endsWith(".md")), anyText],
  ["translated man pages", 2200, manLanguages.flatMap((l) => walk(`/usr/share/man/${l}`, (p) => p.endsWith(".gz"))), anyText],
  ["CJK man pages", 1000, cjkManLanguages.flatMap((l) => walk(`/usr/share/man/${l}`, (p) => p.endsWith(".gz"))), nonAscii],
  ["english man pages", 900, walk("/usr/share/man/man1", (p) => /\/[a-f][^/]*\.gz$/.test(p)), anyText],
  ["python source", 1400, walk("/usr/lib/python3.11", (p) => p.endsWith(".py"), 1), anyText],
  ["perl source", 800, walk("/usr/share/perl/5.36.0", (p) => p.endsWith(".pm"), 2), anyText],
  ["c headers", 700, walk("/usr/include", (p) => p.endsWith(".h"), 0), anyText],
  ["unicode test data", 1200, [
    ...walk(`${python312}/test/cjkencodings`, (p) => p.endsWith("-utf8.txt")),
    ...["test/test_unicode.py", "test/test_re.py", "test/test_unicodedata.py", "test/test_str.py", "test/test_traceback.py",
      "test/test_format.py", "test/test_codecs.py", "test/test_unicode_identifiers.py", "test/test_tkinter/test_misc.py",
      "test/test_capi/test_long.py", "test/test_int.py", "test/xmltestdata/expat224_utf8_bug.xml",
      "site-packages/pip/_vendor/rich/_emoji_codes.py", "site-packages/pip/_vendor/rich/_spinners.py",
      "site-packages/pip/_vendor/rich/cells.py", "site-packages/pip/_vendor/chardet/metadata/languages.py",
      "site-packages/pip/_vendor/chardet/langhebrewmodel.py", "site-packages/pip/_vendor/idna/uts46data.py"]
      .map((p) => join(python312, p)).filter(existsSync),
  ], nonAscii],
  ["right-to-left text", 150, [
    ...walk("/usr/share/i18n/locales", (p) => /\/(fa_IR|ug_CN|ps_AF|he_IL|yi_US|ar_SA|ur_PK)$/.test(p), 0),
    ...["/usr/share/doc/libraqm0/copyright", "/usr/share/doc/nodejs/README.md", "/usr/share/perl/5.36.0/Tie/RefHash.pm",
      "/usr/share/doc/perl/copyright", `${python312}/site-packages/pip/_vendor/chardet/metadata/languages.py`,
      `${python312}/site-packages/pip/_vendor/idna/uts46data.py`, `${python312}/test/test_capi/test_long.py`].filter(existsSync),
  ], rightToLeft],
  ["locale data", 700, walk("/usr/share/i18n/locales", (p) => /\/(ja_JP|ko_KR|zh_CN|zh_TW|th_TH|hi_IN|am_ET|ka_GE|hy_AM|el_GR|ru_RU|vi_VN|km_KH|my_MM)$/.test(p), 0), anyText],
];

const entries = [];
const seen = new Set();
for (const [name, wanted, files, keep] of sources) {
  const texts = files.map(readLines).filter((lines) => lines && lines.some((l) => l.trim().length > 0));
  if (texts.length === 0) {
    console.error(`make-corpus: no readable files for ${name}; skipped`);
    continue;
  }
  let taken = 0;
  for (let attempt = 0; taken < wanted && attempt < wanted * 20; attempt++) {
    const lines = pick(texts);
    const start = Math.floor(next() * lines.length);
    const joined = next() < 0.33 ? 2 + Math.floor(next() * 5) : 1;
    const entry = lines.slice(start, start + joined).join("\n");
    if (entry.trim().length === 0 || !keep(entry) || entry.length > maxEntryLength || differsBetweenRegexEngines.test(entry) || seen.has(entry)) {
      continue;
    }
    seen.add(entry);
    entries.push(entry);
    taken++;
  }
  console.error(`make-corpus: ${name}: ${taken} entries from ${texts.length} files`);
}

writeFileSync(output, entries.map((e) => JSON.stringify(e)).join("\n") + "\n");
console.error(`make-corpus: wrote ${entries.length} entries to ${output}`);
