"""The verification site in Chromium, served locally over HTTPS as a web server would publish it
(under /verify/, with its redirects; Chromium resolves elearning.example.org to the local server),
reached at the address the QR code holds (read from the PDF with zxing-cpp): each page and the
in-browser checker say valid, revoked or invalid; nothing is loaded from anywhere else; accessible
(axe-core) and usable on a phone."""

from __future__ import annotations

import copy
import datetime
import json
import ssl
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pypdfium2
import pytest
import zxingcpp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from packager.preview.check import CHROMIUM_ARGS
from tests.browser.harness import CHROMIUM, ROOT
from tests.certify.certified import BASE, REASON

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def certificate_for(host: str, folder) -> ssl.SSLContext:
    """A TLS context with a self-signed certificate for `host` (the browser is told to accept it)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


@pytest.fixture(scope="module")
def published(browser, certified, tmp_path_factory):
    """A Chromium whose elearning.example.org is a local HTTPS server publishing the site at /verify/."""
    root = tmp_path_factory.mktemp("webroot")
    (root / "verify").symlink_to(certified.site, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    server.socket = certificate_for("elearning.example.org", root).wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rule = f"--host-resolver-rules=MAP elearning.example.org 127.0.0.1:{server.server_address[1]}"
    resolving = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, rule], headless=True)
    yield resolving
    resolving.close()
    server.shutdown()


@pytest.fixture
def site(published):
    """A page; every request it makes is recorded, and must be to the published site."""
    context = published.new_context(viewport={"width": 1280, "height": 900}, ignore_https_errors=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    yield page
    assert [url for url in requests if not url.startswith(BASE)] == [], "the site loaded something from elsewhere"
    context.close()


def qr_url(pdf) -> str:
    image = pypdfium2.PdfDocument(str(pdf))[0].render(scale=3).to_pil()
    codes = zxingcpp.read_barcodes(image)
    assert len(codes) == 1, "one QR code on the certificate"
    return codes[0].text


def verdict(page) -> str:
    done = ", ".join(f"#verdict[data-verdict={v}]" for v in ("valid", "revoked", "invalid", "unknown"))
    return page.wait_for_selector(done).get_attribute("data-verdict")


def test_the_qr_code_opens_the_certificate_page(certified, site):
    number = certified.numbers["arabic"]
    url = qr_url(certified.out / f"{number}.pdf")
    assert url == f"{BASE}{number}"
    site.goto(url)
    assert site.url == f"{BASE}{number}/"  # the server's redirect, as GitHub Pages and nginx do
    assert verdict(site) == "valid"
    french, arabic = site.locator("section[lang=fr]"), site.locator("section[lang=ar]")
    assert arabic.get_attribute("dir") == "rtl" and french.get_attribute("dir") == "ltr"
    for section in (french, arabic):
        assert "فاطمة الزهراء الإدريسي" in section.inner_text() and number in section.inner_text()
    assert "Cours d'essai sur la traite" in french.inner_text() and "85 %" in french.inner_text()
    assert "دورة تجريبية حول الاتجار بالبشر" in arabic.inner_text() and "85٪" in arabic.inner_text()
    assert "Organisation internationale pour les migrations (OIM)" in french.inner_text()
    assert "1 novembre 2026" in french.inner_text()
    assert "Certificat authentique" in site.inner_text("#verdict")
    download = site.locator("section[lang=fr] a[download]")
    assert download.get_attribute("href") == "credential.json"


def test_a_revoked_certificate_says_so_with_date_and_reason(certified, site):
    site.goto(f"{BASE}{certified.numbers['revoked']}/")
    assert verdict(site) == "revoked"
    assert "RÉVOQUÉ" in site.inner_text("#verdict") and REASON in site.inner_text("#verdict")
    assert REASON in site.inner_text("section[lang=fr]")


def test_a_tampered_credential_behind_a_page_is_invalid(certified, site):
    number = certified.numbers["plain"]
    forged = json.loads(certified.credential("plain").read_text(encoding="utf-8"))
    forged["credentialSubject"]["name"] = "Someone Else"
    site.route(f"{BASE}{number}/credential.json", lambda route: route.fulfill(json=forged))
    site.goto(f"{BASE}{number}/")
    assert verdict(site) == "invalid"
    assert "signature ne correspond pas" in site.inner_text("#verdict")


def paste(page, text: str) -> str:
    page.fill("#credential-text", text)
    page.click("#checker button[type=submit]")
    return verdict(page)


def test_the_checker_page_says_valid_revoked_invalid(certified, site, tmp_path):
    site.goto(BASE)
    for role, expected in (("perfect", "valid"), ("revoked", "revoked"), ("arabic", "valid")):
        assert paste(site, certified.credential(role).read_text(encoding="utf-8")) == expected, role
    assert "Amina Benali" not in site.inner_text("#facts")  # the facts shown are the last credential's
    tampered = json.loads(certified.credential("perfect").read_text(encoding="utf-8"))
    tampered = copy.deepcopy(tampered)
    tampered["credentialSubject"]["result"][0]["value"] = "99"
    assert paste(site, json.dumps(tampered)) == "invalid"
    assert paste(site, "{not json") == "invalid"
    other_issuer = dict(tampered, issuer={"id": "did:web:forger.example", "type": ["Profile"], "name": "x"})
    assert paste(site, json.dumps(other_issuer)) == "invalid"
    assert "pas été émis par cet émetteur" in site.inner_text("#verdict")
    site.fill("#credential-text", "")
    site.set_input_files("#credential-file", str(certified.credential("plain")))
    site.click("#checker button[type=submit]")
    assert verdict(site) == "valid"
    assert "Leila Tazi" in site.inner_text("#facts")


@pytest.mark.parametrize("path", ["", "{number}/"])
def test_pages_are_accessible_and_fit_a_phone(certified, published, path):
    context = published.new_context(
        viewport={"width": 360, "height": 740},
        bypass_csp=True,  # axe is injected
        ignore_https_errors=True,
    )
    page = context.new_page()
    page.goto(BASE + path.format(number=certified.numbers["arabic"]))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "sideways scrolling on a phone"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.help))"
    )
    assert found == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("A", "TEXTAREA")
    context.close()
