"""Helpers that several apps' pages use: not an app (no models, URLs or templates of its own).

language.py    the language of the request being answered (ui_lang)
throttling.py  the client's address, the login lockout page and per-address rate limits
views.py       access and form helpers of the function views (require, posted_version)
forms.py       a form's choice field, typed, to set its choices per request (choice_field)
people.py      how a person is named on pages and in messages (person_name)
prepared.py    selects whose SQL is built once per connection, for the busiest paths (PreparedSelect)

It imports Django and nothing from the apps, so every app may import it and no two apps need
to import each other for a helper (tests/test_app_imports.py).
"""
