// Read and write plan files the way Decap CMS 3.16 does, with the same libraries at the same
// versions (decap-cms-core 3.19: src/formats/frontmatter.ts and yaml.ts, gray-matter 4.0.3 and
// yaml 1.10.3; see package.json). Used by tests/test_cms_roundtrip.py.
//
// stdin:  {"files": [{"path": "...", "text": "...", "fields": ["title", ...]}]}
// stdout: {"path": "text as Decap saves it", ...}
"use strict";

const matter = require("gray-matter");
const yaml = require("yaml");

// yaml.ts: only a full ISO timestamp with "T" and "Z" becomes a Date; 2027-01-04 stays text.
const timestampTag = {
  identify: (value) => value instanceof Date,
  default: true,
  tag: "!timestamp",
  test: RegExp("^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(\\.[0-9]+)?)Z$"),
  resolve: (str) => new Date(str),
  stringify: (value) => value.toISOString(),
};

function sortKeys(sortedKeys, selector) {
  return (a, b) => {
    const idxA = sortedKeys.indexOf(selector(a));
    const idxB = sortedKeys.indexOf(selector(b));
    if (idxA === -1 || idxB === -1) return 0;
    return idxA > idxB ? 1 : idxA < idxB ? -1 : 0;
  };
}

const yamlFormat = {
  fromFile(content) {
    if (content && content.trim().endsWith("---")) content = content.trim().slice(0, -3);
    const doc = yaml.parseDocument(content, { customTags: [timestampTag], prettyErrors: true });
    if (doc.errors.length > 0) throw new Error("YAML parsing error:\n" + doc.errors.map((e) => e.message).join("\n"));
    return doc.toJSON();
  },
  toFile(data, sortedKeys = []) {
    const contents = yaml.createNode(data);
    contents.items.sort(sortKeys(sortedKeys, (item) => item.key && item.key.toString()));
    const doc = new yaml.Document();
    doc.contents = contents;
    return doc.toString();
  },
};

const engines = {
  yaml: {
    parse: (input) => yamlFormat.fromFile(input),
    stringify: (metadata, opts) => yamlFormat.toFile(metadata, (opts || {}).sortedKeys),
  },
};

function fromFile(content) {
  const result = matter(content, { engines, language: "yaml", delimiters: "---" });
  return Object.assign({}, result.data, result.content.trim() ? { body: result.content } : {});
}

function toFile(data, sortedKeys) {
  const { body = "", ...meta } = data;
  const trimLastLineBreak = body.slice(-1) !== "\n";
  const file = matter.stringify(body, meta, { engines, sortedKeys, language: "yaml", delimiters: "---" });
  let content = trimLastLineBreak && file.slice(-1) === "\n" ? file.slice(0, -1) : file;
  // backend.ts entryToRaw: "add the EOL if it does not exist".
  if (content.slice(-1) !== "\n") content += "\n";
  return content;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { files } = JSON.parse(input);
  const out = {};
  for (const file of files) {
    // Decap keeps the entry's data as JSON between reading and saving (an Immutable Map).
    const data = JSON.parse(JSON.stringify(fromFile(file.text)));
    out[file.path] = toFile(data, file.fields);
  }
  process.stdout.write(JSON.stringify(out));
});
