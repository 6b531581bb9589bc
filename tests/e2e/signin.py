"""Signing in for the browser tests, in one place so a single sign-on flow can replace it.

`sign_in(context, base, username, password)` opens a page in the browser context, signs the
person in and returns the page. Today it fills Seuranta's own login form; when OpenID Connect
sign-in is the way in, only this function changes.
"""

from __future__ import annotations


def sign_in(context, base: str, username: str, password: str):
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form:has(input[name=username]) [type=submit]")
    page.wait_for_load_state()
    assert page.locator(".logout-form").count() == 1, f"{username} was not signed in"
    return page


def sign_out(page) -> None:
    page.click(".logout-form button[type=submit]")
    page.wait_for_load_state()
