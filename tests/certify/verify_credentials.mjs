// An independent verifier for the tests: digitalbazaar's @digitalbazaar/vc with the
// eddsa-rdfc-2022 and eddsa-jcs-2022 cryptosuites and the Bitstring Status List checker.
//   node tests/certify/verify_credentials.mjs SITE_FOLDER BASE_URL OB_CONTEXT CREDENTIAL.json...
// The document loader never touches the network: the W3C contexts come from digitalbazaar's npm
// context packages, the Open Badges 3.0 context from the file given (it is on no npm package),
// and did:web and the status lists are resolved by the did:web rule into the site folder (what
// an HTTPS fetch of the published site would return). Prints one JSON line per credential:
// {"file", "verified", "error", "revoked"} with one verification per cryptosuite.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import * as vc from "@digitalbazaar/vc";
import {DataIntegrityProof} from "@digitalbazaar/data-integrity";
import {cryptosuite as rdfc} from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import {createVerifyCryptosuite} from "@digitalbazaar/eddsa-jcs-2022-cryptosuite";
import {checkStatus} from "@digitalbazaar/vc-bitstring-status-list";
import {contexts as credentialsContexts} from "@digitalbazaar/credentials-context";
import multikeyContext from "@digitalbazaar/multikey-context";
import didContext from "did-context";

const jcs = createVerifyCryptosuite();
const [site, base, obContext, ...files] = process.argv.slice(2);
const contexts = new Map([
  ...credentialsContexts,
  [multikeyContext.CONTEXT_URL, multikeyContext.CONTEXT],
  [didContext.constants.DID_CONTEXT_URL, didContext.contexts.get(didContext.constants.DID_CONTEXT_URL)],
  ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", JSON.parse(readFileSync(obContext, "utf8"))],
]);

function readSite(url) {
  if (!url.startsWith(base)) throw new Error(`not on the site: ${url}`);
  return JSON.parse(readFileSync(join(site, url.slice(base.length)), "utf8"));
}

// did:web:host:path -> https://host/path/did.json (the did:web method's rule).
function didWebUrl(did) {
  const [host, ...path] = did.slice("did:web:".length).split(":").map(decodeURIComponent);
  return `https://${host}/${path.length ? path.join("/") + "/did.json" : ".well-known/did.json"}`;
}

async function documentLoader(url) {
  if (contexts.has(url)) return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  if (url.startsWith("did:web:")) {
    const [did, fragment] = url.split("#");
    const document = readSite(didWebUrl(did));
    if (!fragment) return {contextUrl: null, documentUrl: url, document};
    const method = document.verificationMethod.find((m) => m.id === url);
    if (!method) throw new Error(`no verification method ${url}`);
    return {contextUrl: null, documentUrl: url, document: {"@context": multikeyContext.CONTEXT_URL, ...method}};
  }
  if (url.startsWith(base)) return {contextUrl: null, documentUrl: url, document: readSite(url)};
  throw new Error(`the test document loader refuses ${url}`);
}

async function verify(credential, cryptosuite) {
  const suite = new DataIntegrityProof({cryptosuite});
  // A proof set: each suite verifies its own proof, the other proof is left to the other suite.
  const only = {...credential, proof: [].concat(credential.proof).filter((p) => p.cryptosuite === cryptosuite.name)};
  const result = await vc.verifyCredential({credential: only, suite, documentLoader,
    checkStatus: (options) => checkStatus({...options, suite: new DataIntegrityProof({cryptosuite})})});
  const error = result.error ? String(result.error.errors || result.error.message || result.error) : "";
  const statuses = result.statusResult ? result.statusResult.results || [] : [];
  return {verified: result.verified, error, revoked: statuses.some((s) => s.status === true)};
}

for (const file of files) {
  const credential = JSON.parse(readFileSync(file, "utf8"));
  const results = {};
  for (const cryptosuite of [rdfc, jcs]) results[cryptosuite.name] = await verify(credential, cryptosuite);
  console.log(JSON.stringify({file, ...results}));
}
