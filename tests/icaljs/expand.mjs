// Expands every event of .ics feeds with ical.js (the JavaScript RFC 5545 library calendar
// web apps use) and prints {FEED: {UID: [start, ...]}} as JSON: a timed start as its UTC
// instant ("2027-03-29T07:00:00Z"), an all-day start as its date ("2027-03-29").
//   node expand.mjs LAST_DAY FEED.ics...   (occurrences starting on or before LAST_DAY, UTC)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// The package is installed beside the browser tests (tests/browser/package.json).
const ICAL = require(new URL("../browser/node_modules/ical.js/dist/ical.es5.cjs", import.meta.url).pathname);

const [lastDay, ...files] = process.argv.slice(2);
const bound = Date.parse(`${lastDay}T23:59:59Z`) / 1000;
const LIMIT = 200000; // a safety net: the plan's own bound is far below it

function shown(time) {
  if (time.isDate) return time.toString();
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function expand(file) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  // Each feed's own VTIMEZONE, as a calendar app reads one feed (not a zone seen earlier).
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const found = {};
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    const starts = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (next.toUnixTime() > bound || starts.length >= LIMIT) break;
      starts.push(shown(next));
    }
    found[event.uid] = starts;
  }
  return found;
}

const all = {};
for (const file of files) all[file] = expand(file);
process.stdout.write(JSON.stringify(all));
