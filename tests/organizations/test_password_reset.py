"""Forgotten password: the link on the login page, the e-mail, a new password, and a link that works once."""

import re

from django.urls import reverse

from tests.factories import PASSWORD


def test_the_login_page_links_to_password_reset(client, db):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_a_person_resets_their_password_by_email(client, personas, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "viewer@example.invalid"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert "Tarkista sähköpostisi" in client.get(response["Location"]).content.decode()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["viewer@example.invalid"] and "salasana" in message.subject
    link = re.search(r"https?://\S+/salasana/uusi/\S+/", message.body).group(0)
    form_page = client.get(link, follow=True)
    assert "Valitse uusi salasana" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "Syys-Myrsky-2027", "new_password2": "Syys-Myrsky-2027"})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    assert client.login(username="viewer", password="Syys-Myrsky-2027")
    assert not client.login(username="viewer", password=PASSWORD)
    client.logout()
    again = client.get(link, follow=True).content.decode()
    assert "vanhentunut tai jo käytetty" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, personas, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.invalid"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_a_person_whose_access_ended_gets_no_reset_link(client, personas, mailoutbox):
    personas.viewer.is_active = False
    personas.viewer.save()
    client.post(reverse("password_reset"), {"email": "viewer@example.invalid"})
    assert mailoutbox == []
