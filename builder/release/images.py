"""Renders the store images of every UI locale from the test fixtures with the real build.

Playwright, Chromium and Pillow are test dependencies (requirements/test.lock, `make test`
installs them): imported only when images are made.
"""

from __future__ import annotations

import base64
import html
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from builder.icons import icon_png
from builder.release.checks import IMAGE_SIZES, SCREENSHOTS

NEW = "https://claude.ai/new"
ONBOARDING = "https://claude.ai/onboarding"
PRIVACY_2026 = "https://claude.ai/new#settings/data-privacy-controls"
SCREEN = IMAGE_SIZES[SCREENSHOTS[0]]
POPUP_WIDTH = 380  # the toolbar popup body's width (extension/popup/popup.css)


class ImageError(Exception):
    """A store image could not be made; the message names the locale and why, in one line."""


@dataclass(frozen=True)
class Page:
    """A fixture page served at `url`; claude.ai in the locale's language where one exists."""

    fixture: str
    url: str


# The consent popup (or, where no popup fixture speaks the language, the onboarding step
# that carries the same switch and warning) and the Privacy settings, per UI locale. A locale
# without a fixture in its language is shown on the English page: the extension's text is
# still the locale's, as a user of that language would see it on an English account.
_CONSENT = {
    "en": Page("popup_2026_grace_hidden_input.html", NEW),
    "de": Page("popup_2026_de_hidden_input.html", NEW),
    "es": Page("popup_2026_es419_hidden_input.html", NEW),
    "fr": Page("popup_2026_fr_hidden_input.html", NEW),
    "hi": Page("popup_2026_hi_hidden_input.html", NEW),
    "it": Page("popup_2026_it_hidden_input.html", NEW),
    "ko": Page("popup_2026_ko_hidden_input.html", NEW),
    "pt_BR": Page("popup_2026_ptbr_hidden_input.html", NEW),
    "ja": Page("onboarding_2026_ja_hidden_input.html", ONBOARDING),
    "id": Page("onboarding_2026_id_hidden_input.html", ONBOARDING),
}
_SETTINGS = {
    "en": Page("settings_2026_en_cds.html", PRIVACY_2026),
    "de": Page("settings_2026_de.html", PRIVACY_2026),
    "fr": Page("settings_2026_fr.html", PRIVACY_2026),
    "ja": Page("settings_2026_ja.html", PRIVACY_2026),
    "ko": Page("settings_2026_ko.html", PRIVACY_2026),
    "pt_BR": Page("settings_2026_ptbr.html", PRIVACY_2026),
}
# The project's own colours (builder/icons.py's indigo shield), none of Claude's.
_BRAND_DARK = "#1e1b4b"
_BRAND = "#4f46e5"


def consent_page(locale: str) -> Page:
    """The consent-popup fixture a locale's first screenshot shows."""
    return _CONSENT.get(locale, _CONSENT["en"])


def settings_page(locale: str) -> Page:
    """The Privacy-settings fixture a locale's second and third screenshots show."""
    return _SETTINGS.get(locale, _SETTINGS["en"])


def _rgb_png(data: bytes, size: tuple[int, int] | None = None) -> bytes:
    """PNG bytes as an RGB PNG without alpha (the stores refuse alpha), cropped to `size`."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        rgb = image.convert("RGB")
    if size is not None and rgb.size != size:
        rgb = rgb.crop((0, 0, *size))
    out = io.BytesIO()
    rgb.save(out, format="PNG", optimize=True)
    return out.getvalue()


# The script's own font first (make fonts installs them), so that Japanese is not drawn
# with Chinese glyph shapes; Latin text falls through to the system's sans-serif.
_SCRIPT_FONTS = {
    "ja": '"IPAGothic", "Noto Sans CJK JP"',
    "ko": '"Noto Sans CJK KR"',
    "zh_CN": '"Noto Sans CJK SC"',
    "hi": '"Lohit Devanagari"',
}


def _fonts(locale: str) -> str:
    script = _SCRIPT_FONTS.get(locale)
    return f"system-ui, {script}, sans-serif" if script else "system-ui, sans-serif"


def _banner_html(name: str, tagline: str, size: tuple[int, int], locale: str) -> str:
    width, height = size
    shield = base64.b64encode(icon_png(min(height // 2, 192))).decode()
    big = width > 1000
    return f"""<!doctype html><html lang="{locale.replace("_", "-")}"><head><meta charset="utf-8">
<style>
html, body {{ margin: 0; width: {width}px; height: {height}px; overflow: hidden; }}
body {{ display: flex; align-items: center; gap: {48 if big else 20}px;
  padding: 0 {72 if big else 24}px; box-sizing: border-box; color: #fff;
  background: linear-gradient(135deg, {_BRAND_DARK}, {_BRAND});
  font-family: {_fonts(locale)}; }}
img {{ width: {min(height // 2, 192)}px; flex: none;
  filter: drop-shadow(0 4px 12px rgba(0, 0, 0, .35)); }}
h1 {{ margin: 0 0 {16 if big else 8}px; font-size: {56 if big else 26}px; line-height: 1.1; }}
p {{ margin: 0; font-size: {26 if big else 15}px; line-height: 1.35; opacity: .92; }}
</style></head><body>
<img alt="" src="data:image/png;base64,{shield}">
<div><h1>{html.escape(name)}</h1>{f"<p>{html.escape(tagline)}</p>" if tagline else ""}</div>
</body></html>"""


def render_store_images(
    chrome_dir: Path, repo: Path, store: Path, messages: dict[str, dict[str, str]]
) -> list[Path]:
    """Write store/<locale>/ (IMAGE_SIZES' names) for every locale of `messages` (the built
    i18n messages, builder.policy.Policy.messages) with the unpacked Chrome build
    `chrome_dir`, the fixtures of `repo`/tests/fixtures served as https://claude.ai/…
    Returns the files written."""
    sys.path.insert(0, str(repo / "tests"))
    try:
        import PIL  # noqa: F401 - checked here, used by _rgb_png
        from browsers.chromium import ChromiumDriver  # the tests' driver: serves the fixtures
    except ImportError as error:
        raise ImageError(
            f"the store images need the test tools ({error}); run `make release`, which "
            "installs requirements/test.lock, or `make test`"
        ) from None

    fixtures = repo / "tests" / "fixtures"
    written = []
    for locale, strings in sorted(messages.items()):
        folder = store / locale
        folder.mkdir(parents=True, exist_ok=True)
        # One browser per locale: the extension speaks the browser's language.
        try:
            driver = ChromiumDriver(chrome_dir, language=locale.replace("_", "-"))
        except Exception as error:  # Playwright's errors share no base class worth naming
            raise ImageError(
                f"store/{locale}: Chromium did not start: {_first_line(error)}"
            ) from None
        try:
            shots = _screenshots(driver, fixtures, locale)
            shots.update(_banners(driver, strings, locale))
        except Exception as error:
            raise ImageError(f"store/{locale}: cannot be rendered: {_first_line(error)}") from None
        finally:
            driver.close()
        for file, data in shots.items():
            (folder / file).write_bytes(data)
            written.append(folder / file)
    return written


def _banners(driver, strings: dict[str, str], locale: str) -> dict[str, bytes]:
    """The promo tile (the name) and the marquee (the name and the manifest description)."""
    name = strings["manifest_extension_name"]
    tagline = strings["manifest_extension_description"]
    banners = {}
    for file, text in (("promo-tile-440x280.png", ""), ("marquee-1400x560.png", tagline)):
        size = IMAGE_SIZES[file]
        page = driver.context.new_page()
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.set_content(_banner_html(name, text, size, locale))
        banners[file] = _rgb_png(page.screenshot(), size)
        page.close()
    return banners


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _screenshots(driver, fixtures: Path, locale: str) -> dict[str, bytes]:
    width, height = SCREEN
    driver.page.set_viewport_size({"width": width, "height": height})
    shots = {}
    consent = consent_page(locale)
    driver.open(consent.url, fixtures / consent.fixture)
    driver.wait_for("return document.querySelector('[data-privacy-guard]')", timeout=10)
    driver.page.wait_for_timeout(500)  # the callout's fade-in
    shots[SCREENSHOTS[0]] = _rgb_png(driver.page.screenshot(), SCREEN)

    settings = settings_page(locale)
    driver.open(settings.url, fixtures / settings.fixture)
    driver.wait_for("return document.querySelector('[data-privacy-guard]')", timeout=10)
    driver.page.wait_for_timeout(500)
    plain = driver.page.screenshot()
    try:
        driver.click_extension_button("why")
        driver.page.wait_for_timeout(150)
    except AssertionError:
        pass  # an opted-out switch's confirmation has no "Why?": shown as it is
    shots[SCREENSHOTS[1]] = _rgb_png(driver.page.screenshot(), SCREEN)

    # The toolbar popup as it drops from the toolbar over the settings it just read.
    popup = driver.context.new_page()
    popup.set_viewport_size({"width": POPUP_WIDTH, "height": height - 16})
    popup.goto(f"chrome-extension://{driver.worker.url.split('/')[2]}/popup/popup.html")
    popup.wait_for_timeout(400)
    popup_png = popup.screenshot()
    popup.close()
    shots[SCREENSHOTS[2]] = _compose_popup(plain, popup_png)
    return shots


def _compose_popup(page_png: bytes, popup_png: bytes) -> bytes:
    from PIL import Image, ImageDraw

    with Image.open(io.BytesIO(page_png)) as page, Image.open(io.BytesIO(popup_png)) as popup:
        canvas = page.convert("RGB").crop((0, 0, *SCREEN))
        # Dimmed, as the page is less in view than the popup in front of it.
        canvas = Image.blend(canvas, Image.new("RGB", SCREEN, (20, 20, 30)), 0.35)
        card = popup.convert("RGB")
        left, top = SCREEN[0] - card.width - 24, 8
        draw = ImageDraw.Draw(canvas)
        draw.rectangle(
            (left - 1, top - 1, left + card.width, top + card.height), outline=(90, 90, 110)
        )
        canvas.paste(card, (left, top))
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    return out.getvalue()
