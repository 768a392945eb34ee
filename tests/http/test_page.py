"""The search page in a real browser (headless Chromium through chromedriver): search as
you type, highlights, the preview, paging, keyboard, the query in the URL, errors shown.
A screenshot is saved in $LONGJING_ARTIFACTS (the build tree's artifacts/ under ctest)."""
import os
import pathlib
import shutil
import subprocess
import urllib.parse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import Server, program

WAIT = 10  # seconds, an upper bound: every wait ends as soon as its condition holds


@pytest.fixture(scope="module")
def browser():
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                 "--lang=en-US"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(corpus, tmp_path_factory):
    """A server over the fixture corpus plus 25 articles about quadrupeds: enough for pages."""
    folder = tmp_path_factory.mktemp("page") / "articles"
    shutil.copytree(corpus, folder)
    for i in range(25):
        (folder / f"quadruped-{i:02}.txt").write_text(
            f"Quadruped report {i}\n\nThe quadruped number {i} walks over rocks; robot dogs 机器狗 {i}.\n")
    db = folder.parent / "db"
    subprocess.run([program("indexer"), "-q", "--db", str(db), str(folder)], check=True)
    server = Server(db)
    yield server
    server.stop()


def wait(driver, condition):
    return WebDriverWait(driver, WAIT).until(lambda d: condition(d))


def marks(driver):
    return [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#results mark")]


def test_typing_searches_without_enter(browser, site):
    browser.get(site.url)
    box = browser.find_element(By.ID, "q")
    box.send_keys("Unitree")  # no Enter: the page searches as one types
    found = wait(browser, lambda d: marks(d))
    assert all(m.lower() == "unitree" for m in found if m.isascii()), found
    assert "q=Unitree" in browser.current_url
    assert " of " in browser.find_element(By.ID, "status").text


def test_alias_matches_say_so(browser, site):
    browser.get(site.url + "?q=Unitree")
    wait(browser, lambda d: marks(d))
    notes = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#results .alias")]
    assert "via alias 别名: 宇树 (for Unitree)" in notes, notes


def test_arrows_and_enter_open_the_preview(browser, site):
    browser.get(site.url + "?q=" + urllib.parse.quote("宇树"))
    wait(browser, lambda d: marks(d))
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.ARROW_DOWN)
    first = browser.find_elements(By.CSS_SELECTOR, "#results li.hit")[0]
    assert "selected" in first.get_attribute("class")
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    pane = browser.find_element(By.ID, "preview")
    wait(browser, lambda d: "宇树" in d.find_element(By.ID, "preview-text").text)
    assert "open" in pane.get_attribute("class")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait(browser, lambda d: "open" not in pane.get_attribute("class"))


def test_paging(browser, site):
    total = site.json("/api/search?q=quadruped")[1]["summary"]["estimated_matches"]
    assert 20 < total <= 30
    browser.get(site.url + "?q=quadruped")
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#results li.hit")) == 10)
    first_page = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#results .meta")]
    browser.find_element(By.ID, "next").click()
    wait(browser, lambda d: d.find_element(By.ID, "status").text.startswith(f"11–20 of {total} matches"))
    second_page = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#results .meta")]
    assert not set(first_page) & set(second_page)
    assert "page=2" in browser.current_url
    browser.find_element(By.ID, "next").click()
    wait(browser, lambda d: d.find_element(By.ID, "status").text.startswith(f"21–{total} of {total} matches"))
    assert browser.find_element(By.ID, "next").get_attribute("disabled") is not None


def test_a_link_reproduces_the_search(browser, site):
    browser.get(site.url + "?q=" + urllib.parse.quote("机器狗") + "&page=2")
    wait(browser, lambda d: d.find_element(By.ID, "status").text.startswith("11–"))
    assert browser.find_element(By.ID, "q").get_attribute("value") == "机器狗"
    assert "机器狗" in marks(browser)


def test_slash_focuses_the_search_box(browser, site):
    browser.get(site.url + "?q=quadruped")
    wait(browser, lambda d: marks(d))
    browser.find_element(By.TAG_NAME, "body").click()
    browser.find_element(By.TAG_NAME, "body").send_keys("/")
    assert browser.switch_to.active_element.get_attribute("id") == "q"


def test_an_error_is_a_message_not_a_blank_page(browser, site):
    browser.get(site.url + "?q=" + urllib.parse.quote("(("))
    error = browser.find_element(By.ID, "error")
    wait(browser, lambda d: error.is_displayed())
    assert "no words" in error.text


def test_screenshot(browser, site):
    browser.get(site.url + "?q=" + urllib.parse.quote("Unitree 杭州"))
    wait(browser, lambda d: marks(d))
    folder = pathlib.Path(os.environ.get("LONGJING_ARTIFACTS", "artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "serve-page.png"
    assert browser.save_screenshot(str(path)) and path.stat().st_size > 10000
