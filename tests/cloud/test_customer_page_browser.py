"""The customer's page in a real browser: Debian's Chromium driven by Selenium, headless, at a
phone's width and a desktop's, against a real `posapp-cloud serve` on 127.0.0.1.

It checks what a customer sees (the balance, the voucher's QR read back from the screenshot
and accepted as the counter's, nothing wider than the phone's screen, no file loaded from
anywhere), signs in with phone + the WhatsApp code by typing into the forms, and asks to
be forgotten by ticking and clicking. With POSAPP_UPDATE_SCREENSHOTS=1 the screenshots
go to docs/screenshots (README).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from messaging.testing.graph_server import GraphApi, GraphServer
from posapp.core.codes import verify_voucher_qr
from tests.cloud.helpers import SIGNING_KEY
from tests.cloud.test_customer_page import NUMBER_ID, TOKEN, Shop, shop  # noqa: F401
from tests.services.messages_support import decoded_qr

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE, DESKTOP = (390, 844), (1280, 900)
HEADING = "const h = document.querySelector('h1'); return h ? h.innerText : '';"

pytestmark = pytest.mark.slow


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """docs/screenshots with POSAPP_UPDATE_SCREENSHOTS=1 (as `make screenshots`), else a
    temporary folder: a test run leaves the tree unchanged."""
    return DOCS if os.environ.get("POSAPP_UPDATE_SCREENSHOTS") == "1" else tmp_path


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--force-device-scale-factor=1", "--lang=pt-BR"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        yield driver
    finally:
        driver.quit()


def shows(driver: webdriver.Chrome, heading: str) -> None:
    """Wait for the page the form leads to (its heading starts with `heading`).

    The heading is read in one script call, never as a found element read afterwards: while
    the old page is being replaced Chromium may drop the node between the two (a stale
    element, or "node does not belong to the document"); a read that fails is tried again."""
    WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda d: str(d.execute_script(HEADING)).startswith(heading)
    )


def whole_page(driver: webdriver.Chrome, width: int, path: Path) -> bytes:
    """A screenshot of the whole page at `width` (the window grown to the page's height)."""
    driver.set_window_size(width, 800)
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(width, height + 140)  # the window's frame around the viewport
    png: bytes = driver.get_screenshot_as_png()
    path.write_bytes(png)
    return png


def test_the_customers_page_at_phone_and_desktop_widths(
    shop: Shop,  # noqa: F811
    browser: webdriver.Chrome,
    shots: Path,
) -> None:
    browser.set_window_size(*PHONE)
    browser.get(shop.receipt_link())
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Olá, Maria!")
    assert browser.find_element(By.CSS_SELECTOR, "#saldo .big").text == "R$ 19,50"
    inner = browser.execute_script("return window.innerWidth")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= inner
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    # no font, image, style or script fetched from anywhere; only the browser's own
    # favicon probe, and that from our server
    assert all(name == f"{shop.server.url}/favicon.ico" for name in loaded), loaded

    for (width, _), name in ((PHONE, "customer-page-phone.png"), (DESKTOP, "customer-page.png")):
        png = whole_page(browser, width, shots / name)
        [payload] = [text for text in decoded_qr(png) if text.startswith("PV1|")]
        assert verify_voucher_qr(payload, bytes.fromhex(SIGNING_KEY)).code == shop.voucher

    browser.set_window_size(*DESKTOP)
    columns = browser.execute_script(
        "return getComputedStyle(document.querySelector('.cols')).gridTemplateColumns"
    )
    assert len(columns.split()) == 2  # balance and expiry side by side on a wide screen

    privacy = browser.find_element(By.ID, "privacidade").text
    assert "confirme que é você" in privacy  # a receipt is paper: the data needs a code
    assert not browser.find_elements(By.NAME, "confirm")


def test_signing_in_with_phone_and_the_whatsapp_code_by_typing_in_the_browser(
    shop: Shop,  # noqa: F811
    browser: webdriver.Chrome,
    shots: Path,
) -> None:
    with GraphServer(GraphApi(NUMBER_ID, TOKEN, "s", {"codigo_acesso": 1})) as graph:
        answer = httpx.put(
            f"{shop.server.url}/v1/admin/delivery",
            headers={"Authorization": f"Bearer {shop.chain.admin_key}"},
            json={
                "whatsapp_phone_number_id": NUMBER_ID,
                "whatsapp_access_token": TOKEN,
                "whatsapp_graph_url": graph.url,
            },
        )
        assert answer.status_code == 200, answer.text
        browser.set_window_size(*PHONE)
        browser.get(f"{shop.server.url}/c/entrar/{shop.chain.chain_id}")
        whole_page(browser, PHONE[0], shots / "customer-sign-in-phone.png")
        browser.find_element(By.NAME, "phone").send_keys("(11) 91234-5678")
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        shows(browser, "Digite o código")
        assert "Se o número estiver cadastrado" in browser.page_source
        [sent] = graph.api.sent
        [code] = sent.parameters
        browser.find_element(By.NAME, "code").send_keys(code)
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        shows(browser, "Olá, Maria!")
        assert re.search(r"/c\?t=PC1\.", browser.current_url)
        assert browser.find_element(By.CSS_SELECTOR, "#saldo .big").text == "R$ 19,50"
        browser.find_element(By.NAME, "confirm").click()
        browser.find_element(By.CSS_SELECTOR, "#privacidade button").click()
        shows(browser, "Pedido registrado")
