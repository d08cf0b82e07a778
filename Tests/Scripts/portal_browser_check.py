#!/usr/bin/env python3
"""Drives the client portal in a real browser (Debian's Chromium through chromedriver and
Selenium), three times: with the mouse, with JavaScript disabled, and with the keyboard only.
Each run signs in, opens an incident, comments, reads the staff's public answer (posted through
the staff API meanwhile), is refused a forged form, downloads an invoice PDF, switches language,
signs out and finds the old session dead. The mouse run also checks every page with axe-core
(WCAG 2.0/2.1 A and AA: no violation) and at 320 CSS px wide (no horizontal scrolling).

Environment: PORTAL_URL, PORTAL_CA (PEM file), STAFF_TOKEN, PORTAL_EMAIL, PORTAL_PASSWORD,
INVITE_PATH (the invitation, used by the first run), INVOICE_ID, INVOICE_NUMBER.
Prints what it checked; exits 1 with the failures listed."""

import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["PORTAL_URL"]
CA = os.environ["PORTAL_CA"]
STAFF_TOKEN = os.environ["STAFF_TOKEN"]
EMAIL = os.environ["PORTAL_EMAIL"]
PASSWORD = os.environ["PORTAL_PASSWORD"]
INVOICE_ID = os.environ["INVOICE_ID"]
INVOICE_NUMBER = os.environ["INVOICE_NUMBER"]
WAIT = 90  # seconds for any page or download (CI runs at a load of ~45 on two cores)

failures = []
checked = []


def check(condition, what):
    (checked if condition else failures).append(what)
    print(("ok: " if condition else "FAILED: ") + what, flush=True)
    return condition


_attacker = []


def attacker_site():
    """A page on another site that posts a forged incident to the portal, served from 127.0.0.2."""
    if not _attacker:
        page = (
            f'<!DOCTYPE html><html lang="en"><title>Win a prize</title><form method="post" action="{BASE}/portal/tickets">'
            '<input type="hidden" name="csrf" value="forged"><input type="hidden" name="title" value="Forged incident">'
            '<button type="submit">Claim</button></form></html>'
        ).encode()

        class Prize(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *arguments):
                pass

        server = HTTPServer(("127.0.0.2", 0), Prize)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        _attacker.append(f"http://127.0.0.2:{server.server_address[1]}")
    return _attacker[0]


def staff_comment(number, body):
    """The technician answers through the staff API, as parcctl would."""
    request = urllib.request.Request(
        f"{BASE}/api/v1/tickets/{number}/comments",
        data=json.dumps({"body": body, "isPublic": True}).encode(),
        headers={"Authorization": f"Bearer {STAFF_TOKEN}", "Content-Type": "application/json"},
        method="POST",
    )
    context = ssl.create_default_context(cafile=CA)
    with urllib.request.urlopen(request, context=context, timeout=WAIT) as answer:
        return answer.status


def browser(home, downloads, javascript):
    """Chromium trusting the Parc CA (an NSS database in its own HOME), headless, downloads to `downloads`."""
    nssdb = os.path.join(home, ".pki", "nssdb")
    os.makedirs(nssdb)
    subprocess.run(["certutil", "-d", "sql:" + nssdb, "-N", "--empty-password"], check=True)
    subprocess.run(["certutil", "-d", "sql:" + nssdb, "-A", "-t", "C,,", "-n", "parc-ca", "-i", CA], check=True)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1024,900", f"--user-data-dir={home}/profile"]:
        options.add_argument(argument)
    # A French user's browser.
    options.add_argument("--lang=fr-FR")
    prefs = {"download.default_directory": downloads, "download.prompt_for_download": False, "intl.accept_languages": "fr-FR,fr"}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    service = Service("/usr/bin/chromedriver", env={**os.environ, "HOME": home})
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(WAIT)
    driver.set_script_timeout(WAIT)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


def gone(element):
    """The page `element` was on has been replaced (Chromium may say so in two ways)."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error) or "No node with given id" in str(error):
            return True
        raise


class Run:
    def __init__(self, name, javascript=True, keyboard=False, audit=False):
        self.name, self.javascript, self.keyboard, self.audit = name, javascript, keyboard, audit
        self.home = tempfile.mkdtemp(prefix="parc-browser-")
        self.downloads = os.path.join(self.home, "downloads")
        os.makedirs(self.downloads)
        self.driver = browser(self.home, self.downloads, javascript)
        self.audited = set()

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.home, ignore_errors=True)

    # What a person does, with the mouse or with the keyboard.

    def go(self, path):
        self.driver.get(BASE + path)
        self.looked_at()

    def leave(self, url):
        self.driver.get(url)

    def focus(self, element):
        """Presses Tab until `element` has the focus, as a keyboard user would."""
        body = self.driver.find_element(By.TAG_NAME, "body")
        for _ in range(80):
            if self.driver.switch_to.active_element == element:
                return
            (self.driver.switch_to.active_element or body).send_keys(Keys.TAB)
        raise AssertionError(f"Tab never reached {element.tag_name} {element.get_attribute('outerHTML')[:120]}")

    def activate(self, element, navigates=True):
        """Follows a link or presses a button, and waits for the next page (a download stays on this one)."""
        old_page = self.driver.find_element(By.TAG_NAME, "html")
        if self.keyboard:
            self.focus(element)
            element.send_keys(Keys.ENTER)
        else:
            element.click()
        if not navigates:
            return
        WebDriverWait(self.driver, WAIT).until(lambda _: gone(old_page))
        WebDriverWait(self.driver, WAIT).until(lambda driver: driver.execute_script("return document.readyState") == "complete" if self.javascript else True)
        self.looked_at()

    def link(self, text, navigates=True):
        self.activate(self.driver.find_element(By.LINK_TEXT, text), navigates)

    def button(self, text):
        self.activate(self.driver.find_element(By.XPATH, f"//button[normalize-space()=\"{text}\"]"))

    def fill(self, field_id, text):
        element = self.driver.find_element(By.ID, field_id)
        if self.keyboard:
            self.focus(element)
        element.clear()
        element.send_keys(text)

    def choose(self, field_id, label):
        element = self.driver.find_element(By.ID, field_id)
        if self.keyboard:
            self.focus(element)
            element.send_keys(label)
        else:
            element.find_element(By.XPATH, f"option[normalize-space()=\"{label}\"]").click()

    def page(self):
        return self.driver.page_source

    def looked_at(self):
        """The audit of each page reached: axe-core at WCAG 2.x A and AA, and 320 px wide."""
        if not self.audit:
            return
        path = self.driver.current_url.replace(BASE, "").split("?")[0]
        for part in path.split("/"):
            if part.isdigit() or len(part) > 30:
                path = path.replace(part, "ID")
        if path in self.audited:
            return
        self.audited.add(path)
        axe = Axe(self.driver)
        axe.inject()
        # axe.run's promise is answered either way: a rejection is a failure, not a hang.
        results = self.driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: %s}}).then(r => done(r), e => done({error: String(e)}));" % json.dumps(self.tags())
        )
        if not check("error" not in results, f"axe ran on {path}: {results.get('error', '')}"):
            return
        violations = results["violations"]
        check(not violations, f"axe: {path} has no WCAG 2.1 A/AA violation" + ("" if not violations else "\n" + axe.report(violations)))
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": True})
        try:
            widths = self.driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            check(widths[0] <= widths[1], f"320 px: {path} scrolls {widths[0]} px in {widths[1]} px")
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def tags(self):
        """WCAG 2.0 and 2.1, A and AA: the tags this axe-core has rules for."""
        known = set(self.driver.execute_script("return [].concat(...axe.getRules().map(r => r.tags))"))
        return [tag for tag in ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] if tag in known]

    def wait_for(self, condition, what):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.2)
        return check(False, what)


def flow(run, invite=None):
    label = run.name
    driver = run.driver
    if invite:
        run.go(invite)
        run.fill("password", PASSWORD)
        run.fill("confirmation", PASSWORD)
        run.button("Enregistrer le mot de passe")
    else:
        run.go("/portal/login")
        check("Connexion" in run.page() and 'lang="fr"' in run.page(), f"{label}: the sign-in page is French by default")
        run.fill("email", EMAIL)
        run.fill("password", PASSWORD)
        run.button("Se connecter")
    check(driver.current_url == BASE + "/portal", f"{label}: signed in, on the home page ({driver.current_url})")
    session = driver.get_cookie("__Host-parc-session")
    check(session is not None and session.get("httpOnly") and session.get("secure"), f"{label}: the session cookie is HttpOnly and Secure")

    # A forged form: without the session's token, nothing is done.
    if run.javascript and not run.keyboard:
        run.go("/portal/tickets/new")
        driver.execute_script("document.querySelector('form[action=\"/portal/tickets\"] input[name=csrf]').value = 'forged'")
        run.fill("title", "Forged incident")
        run.button("Envoyer l'incident")
        check("Ce formulaire a expiré" in run.page(), f"{label}: a form with a forged token is refused")
    else:
        # Another site (another loopback address) whose page posts to the portal.
        run.leave(f"{attacker_site()}/prize")
        run.activate(driver.find_element(By.TAG_NAME, "button"))
        # Without its SameSite=Lax cookie the post is not signed in: sent to sign-in, which (the
        # session being alive for same-site visits) leads home. Never to a new ticket.
        check(driver.current_url in (BASE + "/portal/login", BASE + "/portal"), f"{label}: a form posted from another site is refused ({driver.current_url})")
    run.go("/portal/tickets?all=1")
    check("Forged incident" not in run.page(), f"{label}: the forged form made no ticket")

    # Open an incident, comment, read the staff's answer.
    run.go("/portal")
    run.link("Signaler un incident")
    title = f"Écran qui clignote ({label}) <b>vite</b>"
    run.fill("title", title)
    run.fill("description", "Depuis lundi, l'écran clignote.")
    run.choose("priority", "P2")
    run.choose("asset", "ws-reception")
    run.button("Envoyer l'incident")
    page = run.page()
    check(title.replace("<", "&lt;").replace(">", "&gt;") in page and "<b>vite</b>" not in page, f"{label}: the incident is open, its title shown inert")
    number = driver.find_element(By.TAG_NAME, "h1").text.split(" ")[0]
    ticket_url = driver.current_url
    run.fill("body", "Il clignote aussi au démarrage.")
    run.button("Envoyer")
    check("Il clignote aussi au démarrage." in run.page(), f"{label}: the comment is on the ticket")
    check(staff_comment(number, f"Nous remplaçons la dalle ({label}).") == 201, f"{label}: the technician answers {number}")
    driver.get(ticket_url)
    run.looked_at()
    check(f"Nous remplaçons la dalle ({label})." in run.page(), f"{label}: the staff's public answer is shown")

    # The invoice PDF, through the session.
    run.go("/portal")
    run.link("Factures")
    run.link(f"Facture {INVOICE_NUMBER}")
    for name in os.listdir(run.downloads):
        os.remove(os.path.join(run.downloads, name))
    run.link("Télécharger le PDF", navigates=False)
    target = os.path.join(run.downloads, f"{INVOICE_NUMBER}.pdf")
    if run.wait_for(lambda: os.path.exists(target) and os.path.getsize(target) > 0, f"{label}: the PDF is downloaded"):
        with open(target, "rb") as pdf:
            check(pdf.read(5) == b"%PDF-", f"{label}: the download is a PDF")
        text = subprocess.run(["pdftotext", target, "-"], capture_output=True, text=True).stdout
        check(INVOICE_NUMBER in text, f"{label}: the PDF holds the invoice number {INVOICE_NUMBER}")

    # English, then sign out: the old session is dead.
    run.go("/portal")
    run.link("English")
    check('lang="en"' in run.page() and "Sign out" in run.page(), f"{label}: the page switched to English")
    run.button("Sign out")
    check(driver.current_url == BASE + "/portal/login", f"{label}: signed out, on the sign-in page")
    driver.delete_all_cookies()
    driver.add_cookie({"name": "__Host-parc-session", "value": session["value"], "path": "/", "secure": True, "httpOnly": True})
    driver.get(BASE + "/portal")
    check(driver.current_url == BASE + "/portal/login", f"{label}: the old session cookie no longer opens the portal")


def audit_other_pages(run):
    """Pages the flow does not pass through, checked by axe and at 320 px too."""
    run.go("/portal/login")
    run.fill("email", EMAIL)
    run.fill("password", PASSWORD)
    run.button("Se connecter")
    for path in ["/portal/assets", "/portal/tickets", "/portal/licences", "/portal/contracts"]:
        run.go(path)
    run.go("/portal/assets")
    run.link("ws-reception")
    run.link(run.driver.find_element(By.CSS_SELECTOR, "main a[href$='/software']").text)
    run.go("/portal/contracts")
    run.link("C-CARE")
    run.go("/portal/tickets/999999")
    run.go("/portal/reset/expired-or-unknown")
    # The server here has no mail relay: the page says to ask the provider.
    run.go("/portal/forgot")
    run.fill("email", EMAIL)
    run.button("M'envoyer un lien")
    check("prestataire" in run.page(), "forgot: without mail, the page says to ask the provider")


def main():
    plans = [("mouse", dict(audit=True), os.environ["INVITE_PATH"]), ("no-javascript", dict(javascript=False), None), ("keyboard", dict(keyboard=True), None)]
    for name, options, invite in plans:
        run = Run(name, **options)
        try:
            flow(run, invite)
            if run.audit:
                audit_other_pages(run)
        except (WebDriverException, AssertionError) as error:
            check(False, f"{run.name}: {type(error).__name__}: {str(error)[:500]} at {run.driver.current_url}")
        finally:
            run.close()
    print(json.dumps({"checked": len(checked), "failed": failures}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
