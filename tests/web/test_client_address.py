"""The client's address for throttling: REMOTE_ADDR, or behind trusted proxies the forwarded one."""

from django.test import RequestFactory

from seuranta.common.throttling import client_ip


def _request(**meta):
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)
    return request


def test_without_proxies_the_address_is_the_connections(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.5"


def test_behind_two_proxies_the_client_is_the_second_address_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = _request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7, 10.0.0.1")
    assert client_ip(request) == "198.51.100.7"


def test_a_forwarded_value_that_is_no_address_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="unknown")) == "10.0.0.2"


def test_no_address_at_all_is_none_not_a_made_up_one(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request()) is None
