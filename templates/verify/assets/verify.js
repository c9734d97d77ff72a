// Checks a certificate's signed credential in the browser, with no server and no library but two
// vendored ones: the credential's eddsa-jcs-2022 proof (RFC 8785 canonical JSON, SHA-256, Ed25519
// with WebCrypto) against the issuer's key in this site's DID document, then its revocation status
// in the issuer's signed Bitstring Status List. Verdicts: valid, revoked, invalid, unknown.
import canonicalize from "./vendor/canonicalize.js";
import baseX from "./vendor/base-x.js";

const base58 = baseX("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");
const JCS = "eddsa-jcs-2022";

class Refusal extends Error {
  constructor(verdict, reason) {
    super(reason);
    this.verdict = verdict;
    this.reason = reason;
  }
}

const site = JSON.parse(document.getElementById("site-data").textContent);
const root = new URL(site.root, document.baseURI);

async function fetchJson(url) {
  let response;
  try {
    response = await fetch(url, {cache: "no-cache", credentials: "omit"});
  } catch (error) {
    throw new Refusal("unknown", "network");
  }
  if (!response.ok) throw new Refusal("unknown", "network");
  return response.json();
}

function fromMultibase(text) {
  if (typeof text !== "string" || !text.startsWith("z")) throw new Refusal("invalid", "proof");
  try {
    return base58.decode(text.slice(1));
  } catch (error) {
    throw new Refusal("invalid", "proof");
  }
}

async function sha256(text) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

// The public key of the verification method `id`, if the issuer's DID document lists it for assertions.
async function assertionKey(issuer, id) {
  const method = (issuer.verificationMethod || []).find((m) => m && m.id === id);
  if (!method || !(issuer.assertionMethod || []).includes(id)) throw new Refusal("invalid", "issuer");
  const raw = fromMultibase(method.publicKeyMultibase);
  if (raw.length !== 34 || raw[0] !== 0xed || raw[1] !== 0x01) throw new Refusal("invalid", "issuer");
  return crypto.subtle.importKey("raw", raw.slice(2), {name: "Ed25519"}, false, ["verify"]);
}

// Throws a Refusal unless `doc` is issued by `issuer` and carries a valid eddsa-jcs-2022 proof.
async function checkProof(doc, issuer) {
  const issuerId = typeof doc.issuer === "string" ? doc.issuer : doc.issuer && doc.issuer.id;
  if (issuerId !== issuer.id) throw new Refusal("invalid", "issuer");
  const proofs = [].concat(doc.proof || []);
  const proof = proofs.find((p) => p && p.type === "DataIntegrityProof" && p.cryptosuite === JCS);
  if (!proof || proof.proofPurpose !== "assertionMethod") throw new Refusal("invalid", "proof");
  const unsecured = {...doc};
  delete unsecured.proof;
  const config = {...proof};
  delete config.proofValue;
  if ("@context" in config && canonicalize(config["@context"]) !== canonicalize(unsecured["@context"])) {
    throw new Refusal("invalid", "signature");
  }
  config["@context"] = unsecured["@context"];
  const data = new Uint8Array(64);
  data.set(await sha256(canonicalize(config)), 0);
  data.set(await sha256(canonicalize(unsecured)), 32);
  const key = await assertionKey(issuer, proof.verificationMethod);
  const signature = fromMultibase(proof.proofValue);
  if (!(await crypto.subtle.verify({name: "Ed25519"}, key, signature, data))) {
    throw new Refusal("invalid", "signature");
  }
}

async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function base64url(text) {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

// The status list of a credentialStatus entry: on this site only, wherever the site is served.
function statusListUrl(entry) {
  const url = entry.statusListCredential;
  if (typeof url !== "string" || !url.startsWith(site.base)) throw new Refusal("unknown", "status");
  return new URL(url.slice(site.base.length), root);
}

// True when the issuer's signed status list has the credential's revocation bit set.
async function isRevoked(doc, issuer) {
  const entries = [].concat(doc.credentialStatus || []);
  const entry = entries.find((e) => e && e.type === "BitstringStatusListEntry" && e.statusPurpose === "revocation");
  if (!entry) return false;
  const list = await fetchJson(statusListUrl(entry));
  try {
    await checkProof(list, issuer);
  } catch (error) {
    throw new Refusal("unknown", "status");
  }
  const subject = list.credentialSubject || {};
  const index = Number(entry.statusListIndex);
  if (subject.statusPurpose !== "revocation" || !Number.isInteger(index) || typeof subject.encodedList !== "string") {
    throw new Refusal("unknown", "status");
  }
  let bits;
  try {
    bits = await gunzip(base64url(subject.encodedList.replace(/^u/, "")));
  } catch (error) {
    throw new Refusal("unknown", "status");
  }
  if (index < 0 || index >= bits.length * 8) throw new Refusal("unknown", "status");
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

// {verdict, reason}: the verdict on a credential (a parsed JSON value) issued by this site's issuer.
export async function check(doc) {
  try {
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new Refusal("invalid", "json");
    const issuer = await fetchJson(new URL(site.didDocument, root));
    if (issuer.id !== site.did) throw new Refusal("unknown", "issuer");
    await checkProof(doc, issuer);
    if (doc.validFrom && !(Date.parse(doc.validFrom) <= Date.now())) throw new Refusal("invalid", "not_yet_valid");
    return {verdict: (await isRevoked(doc, issuer)) ? "revoked" : "valid", reason: ""};
  } catch (error) {
    if (error instanceof Refusal) return {verdict: error.verdict, reason: error.reason};
    return {verdict: "unknown", reason: "network"};
  }
}

// Shows a verdict in every language of the site.
function show(result, revokedNotice) {
  const box = document.getElementById("verdict");
  box.replaceChildren();
  box.dataset.verdict = result.verdict;
  for (const lang of site.languages) {
    const words = site.strings[lang];
    const line = document.createElement("p");
    line.lang = lang;
    line.dir = site.directions[lang];
    const reason = words.reasons[result.reason] || "";
    line.textContent = words[result.verdict].replace("{reason}", reason);
    if (result.verdict === "revoked" && revokedNotice) line.textContent += " " + revokedNotice[lang];
    box.append(line);
  }
}

function showFacts(doc) {
  const facts = document.getElementById("facts");
  const subject = doc.credentialSubject || {};
  const words = site.strings[site.languages[0]];
  const rows = [[words.learner, subject.name], [words.course, doc.name],
    [words.date, subject.activityEndDate], [words.score, ((subject.result || [])[0] || {}).value + " %"],
    [words.number, doc.id]];
  facts.replaceChildren();
  for (const [term, value] of rows) {
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = term;
    dd.textContent = value === undefined ? "" : String(value);
    facts.append(dt, dd);
  }
  facts.hidden = false;
}

async function checkPage() {
  show({verdict: "checking", reason: ""});
  let doc;
  try {
    doc = await fetchJson(site.credential);
  } catch (error) {
    show({verdict: "unknown", reason: "network"});
    return;
  }
  show(await check(doc), site.revoked);
}

async function submitted(event) {
  event.preventDefault();
  document.getElementById("facts").hidden = true;
  show({verdict: "checking", reason: ""});
  const file = document.getElementById("credential-file").files[0];
  const text = file ? await file.text() : document.getElementById("credential-text").value;
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    show({verdict: "invalid", reason: "json"});
    return;
  }
  const result = await check(doc);
  show(result);
  if (result.verdict !== "invalid") showFacts(doc);
}

if (site.credential) {
  checkPage();
} else {
  document.getElementById("checker").addEventListener("submit", submitted);
}
