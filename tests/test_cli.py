import json
import subprocess
import sys

import pytest

from seuranta.cli import main
from seuranta.plans.models import Plan
from tests.conftest import CORPUS_DIR, GOLD_DIR

KONSERNI = GOLD_DIR / "pori-konsernipalvelut-tavoitteet-2026.json"


@pytest.mark.django_db
def test_import_prints_the_new_plans_id(capsys):
    assert main(["import", str(KONSERNI)]) == 0
    plan_id = int(capsys.readouterr().out.strip())
    assert Plan.objects.get(pk=plan_id).organization.name == "Porin kaupunki"


@pytest.mark.django_db
def test_plans_lists_ids_and_titles(capsys):
    main(["import", str(GOLD_DIR / "pori-henkilostostrategia-2026.json")])
    plan_id = capsys.readouterr().out.strip()
    main(["plans"])
    out = capsys.readouterr().out
    assert f"{plan_id}\t" in out and "HENKILÖSTÖSTRATEGIA" in out


@pytest.mark.django_db
def test_export_writes_the_imported_document_back(capsys, tmp_path):
    main(["import", str(KONSERNI)])
    plan_id = capsys.readouterr().out.strip()
    out = tmp_path / "out.json"
    assert main(["export", plan_id, "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text()) == json.loads(KONSERNI.read_text())


@pytest.mark.django_db
def test_import_can_name_the_owning_organization(capsys):
    main(["import", str(KONSERNI), "--organization", "Satakunnan kunta", "--state", "published"])
    plan = Plan.objects.get(pk=int(capsys.readouterr().out))
    assert plan.organization.name == "Satakunnan kunta" and plan.state == "published"


@pytest.mark.django_db
def test_import_adds_the_units_the_document_names_only_when_asked(capsys):
    from seuranta.plans.models import Node, OrganizationUnit

    main(["import", str(KONSERNI)])
    assert not OrganizationUnit.objects.exists()
    main(["import", str(KONSERNI), "--create-units"])
    plan = Plan.objects.get(pk=int(capsys.readouterr().out.split()[-1]))
    written = set(Node.objects.filter(plan=plan).exclude(unit_name=None).values_list("unit_name", flat=True))
    assert written and set(OrganizationUnit.objects.values_list("name", flat=True)) == written
    assert not Node.objects.filter(plan=plan, org_unit=None).exclude(unit_name=None).exists()


@pytest.mark.django_db
def test_export_of_unknown_plan_says_so(capsys):
    assert main(["export", "999999"]) == 1
    assert "Suunnitelmaa 999999 ei ole" in capsys.readouterr().err


@pytest.mark.django_db
def test_import_of_missing_file_says_so(capsys, tmp_path):
    assert main(["import", str(tmp_path / "nothing.json")]) == 1
    assert "ei ole" in capsys.readouterr().err


@pytest.mark.django_db
def test_demo_loads_five_plans_and_prints_credentials(capsys):
    assert main(["demo", "--no-serve"]) == 0
    out = capsys.readouterr().out
    assert Plan.objects.filter(state="published").count() == 5
    for username in ("admin", "koordinaattori", "vastuuhenkilo", "katselija"):
        assert username in out


@pytest.mark.django_db
def test_demo_run_twice_does_not_duplicate_plans(capsys):
    main(["demo", "--no-serve"])
    main(["demo", "--no-serve"])
    assert Plan.objects.count() == 5


@pytest.mark.slow  # migrates fresh databases in subprocesses
def test_commands_create_and_migrate_a_new_database(tmp_path):
    db = tmp_path / "new" / "seuranta.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{db}", "SEURANTA_DATA_DIR": str(tmp_path / "data"), "PATH": ""}
    run = subprocess.run(
        [sys.executable, "-m", "seuranta.cli", "import", str(KONSERNI)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "seuranta.cli", "plans"], env=env, capture_output=True, text=True
    )
    assert run.stdout.strip() in listed.stdout


def test_parse_prints_interchange_json(capsys):
    assert (
        main(["parse", str(CORPUS_DIR / "pori-konsernipalvelut-tavoitteet-2026.txt"), "--format", "json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["format"] == "seuranta-plan/1"


def test_parse_of_unsupported_file_is_one_sentence(capsys, tmp_path):
    path = tmp_path / "plan.odt"
    path.write_bytes(b"PK\x03\x04 not really")
    assert main(["parse", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("seuranta: Tiedostomuotoa .odt ei tueta") and "\n" not in err


@pytest.mark.parametrize("path", sorted(GOLD_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_status_gives_every_indicator_of_a_corpus_plan_a_status(path, capsys):
    assert main(["status", str(path), "--on", "2026-06-30"]) == 0
    doc = json.loads(capsys.readouterr().out)
    plan = json.loads(path.read_text())
    expected = sum(1 for _ in _indicators(plan["nodes"]))
    assert len(doc["indicators"]) == expected
    statuses = {"achieved", "on_track", "behind", "off_track", "no_data", "no_target"}
    assert all(i["status"] in statuses and i["reason"] and i["path"] for i in doc["indicators"])
    # A goal with fewer than half of its items reported shows insufficient data (docs/statuses.md).
    assert all(n["status"] in statuses | {"insufficient_data"} for n in doc["nodes"])


def _indicators(nodes):
    for node in nodes:
        yield from node.get("indicators") or []
        yield from _indicators(node.get("children") or [])


def test_status_reports_q1_actual_against_spring_target(capsys):
    main(["status", str(GOLD_DIR / "pori-sivistystoimiala-toteutuminen-q1-2023.json"), "--on", "2023-04-15"])
    doc = json.loads(capsys.readouterr().out)
    groups = next(i for i in doc["indicators"] if i["name"].startswith("Koulupäivän yhteydessä"))
    assert groups["status"] == "off_track"
    assert "55" in groups["reason"] and "70" in groups["reason"]


def test_status_refuses_a_bad_date(capsys):
    assert main(["status", str(KONSERNI), "--on", "30.6.2026"]) == 1
    assert "VVVV-KK-PP" in capsys.readouterr().err


def test_status_reasons_can_be_in_english(capsys):
    main(
        [
            "status",
            str(GOLD_DIR / "pori-sivistystoimiala-toteutuminen-q1-2023.json"),
            "--on",
            "2023-04-15",
            "--lang",
            "en",
        ]
    )
    doc = json.loads(capsys.readouterr().out)
    assert any("target" in i["reason"].lower() for i in doc["indicators"])


@pytest.mark.slow  # builds the whole demo database
def test_demo_without_db_puts_the_plans_in_demo_sqlite_in_the_data_dir(tmp_path):
    import sqlite3

    env = {"SEURANTA_DATA_DIR": str(tmp_path), "PATH": ""}
    run = subprocess.run(
        [sys.executable, "-m", "seuranta.cli", "demo", "--no-serve"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    with sqlite3.connect(tmp_path / "demo.sqlite3") as db:
        assert db.execute("select count(*) from plans_plan").fetchone() == (5,)
        # The task worker started beside `seuranta demo` uses this same file: its table must be there
        # (the demo's closed round may already have queued its follower notifications in it).
        tables = {row[0] for row in db.execute("select name from sqlite_master where type = 'table'")}
        assert "django_tasks_database_dbtaskresult" in tables
    assert not (tmp_path / "seuranta.sqlite3").exists()


@pytest.mark.django_db
def test_demo_prints_its_passwords_as_for_demo_use_only(capsys):
    main(["demo", "--no-serve"])
    out = capsys.readouterr().out
    assert "vain demokäyttöön" in out and "for demo use only" in out
    assert out.index("vain demokäyttöön") < out.index("seuranta-admin")


@pytest.fixture
def served(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "seuranta.cli.serve", lambda host, port, worker=True, processes=False: calls.append((host, port))
    )
    return calls


@pytest.mark.django_db
def test_serve_refuses_a_database_with_the_demo_passwords(capsys, served):
    main(["demo", "--no-serve"])
    capsys.readouterr()
    assert main(["serve"]) == 1
    err = capsys.readouterr().err
    assert "--demo" in err and "changepassword" in err
    assert "admin" in err
    assert served == []


@pytest.mark.django_db
def test_serve_with_demo_serves_the_demo_database(capsys, served):
    main(["demo", "--no-serve"])
    assert main(["serve", "--demo"]) == 0
    assert served == [("127.0.0.1", 8000)]


@pytest.mark.django_db
def test_serve_runs_once_the_demo_passwords_are_changed(capsys, served):
    from django.contrib.auth import get_user_model

    main(["demo", "--no-serve"])
    for user in get_user_model().objects.all():
        user.set_password(f"uusi-{user.username}-salasana")
        user.save()
    assert main(["serve"]) == 0
    assert served == [("127.0.0.1", 8000)]


@pytest.mark.django_db
def test_serve_runs_on_a_database_without_demo_users(served):
    assert main(["serve"]) == 0
    assert served == [("127.0.0.1", 8000)]


# -- bounds: hostile files end with a sentence, never a traceback ------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"format": "seuranta-plan/1", "nodes": [], "tolerance": Infinity}',
        b'{"format": "seuranta-plan/1", "nodes": [], "tolerance": ' + b"9" * 100_000 + b"}",
    ],
)
def test_import_of_hostile_json_is_refused_with_a_sentence(content, tmp_path, capsys):
    path = tmp_path / "paha.json"
    path.write_bytes(content)
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "(document): " in err and "Traceback" not in err


def test_import_of_an_over_long_field_names_it_and_does_not_blame_the_connection(tmp_path, capsys):
    doc = {
        "format": "seuranta-plan/1",
        "title": "T",
        "levels": ["Tavoite"],
        "nodes": [{"level": "Tavoite", "title": "x", "schedule": "s" * 201}],
    }
    path = tmp_path / "pitka.json"
    path.write_text(json.dumps(doc))
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Aikataulu on liian pitkä (enintään 200 merkkiä): nodes[0].schedule" in err
    assert "yhteyttä" not in err


def test_parse_stops_a_file_past_the_time_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SEURANTA_IMPORT_TIMEOUT", "0.25")  # the whole file takes ~9 s of processor time
    path = tmp_path / "hidas.txt"
    path.write_bytes((CORPUS_DIR / "laitila-hallintotoimi-palvelusuunnitelma.txt").read_bytes() * 200)
    assert main(["parse", str(path)]) == 1
    assert "kesti liian kauan" in capsys.readouterr().err


def test_the_server_runs_one_process_a_cpu_unless_told(monkeypatch):
    from seuranta.server import worker_count

    monkeypatch.delenv("WEB_WORKERS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert worker_count() == 6
    monkeypatch.setenv("WEB_WORKERS", "3")
    assert worker_count() == 3


def test_each_server_process_runs_four_threads_unless_told(monkeypatch):
    from seuranta.server import thread_count

    monkeypatch.delenv("WEB_THREADS", raising=False)
    assert thread_count() == 4
    monkeypatch.setenv("WEB_THREADS", "2")
    assert thread_count() == 2
    monkeypatch.setenv("WEB_THREADS", "none")  # not a number: the default
    assert thread_count() == 4


def test_the_server_warms_up_without_the_database():
    """Before forking its workers: no database connection may be opened (pytest-django refuses one here),
    and the URL resolver's lookups are built for every language."""
    from django.conf import settings
    from django.urls import get_resolver

    from seuranta.server import warm_up

    warm_up()
    assert {code for code, _name in settings.LANGUAGES} <= set(get_resolver()._reverse_dict)
