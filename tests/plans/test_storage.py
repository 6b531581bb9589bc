import json

import pytest

from seuranta.core.interchange import InvalidDocument, dump_plan, load_plan, validate_document
from seuranta.plans.models import (
    Indicator,
    Measure,
    Milestone,
    Node,
    Organization,
    OrganizationUnit,
    Plan,
    ProgressEntry,
    Section,
)
from seuranta.plans.storage import load_core_plan, load_core_plans, store_plan
from tests.conftest import GOLD_DIR

GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_import_then_export_reproduces_gold_file_exactly(path):
    original = path.read_text(encoding="utf-8")
    stored = store_plan(load_plan(original))
    exported = dump_plan(load_core_plan(stored))
    assert json.loads(exported) == json.loads(original)
    # Same keys in the same order, not just equal content.
    assert exported == json.dumps(json.loads(original), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.django_db
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_export_import_export_is_identical(path):
    first = dump_plan(load_core_plan(store_plan(load_plan(path.read_text(encoding="utf-8")))))
    second = dump_plan(load_core_plan(store_plan(load_plan(first))))
    assert first == second


@pytest.mark.django_db
def test_unknown_keys_survive_the_round_trip():
    doc = {
        "format": "seuranta-plan/1",
        "title": "T",
        "organization": None,
        "levels": ["Tavoite"],
        "sections": [],
        "x-city-code": 609,
        "nodes": [
            {
                "level": "Tavoite",
                "title": "A",
                "x-owner": {"id": 7},
                "indicators": [
                    {
                        "name": "M",
                        "x-series": [1, 2],
                        "targets": [{"text": "5", "kind": "value", "value": 5, "x-note": "n"}],
                    }
                ],
            }
        ],
    }
    exported = load_core_plan(store_plan(load_plan(json.dumps(doc)))).to_dict()
    assert exported["x-city-code"] == 609
    assert exported["nodes"][0]["x-owner"] == {"id": 7}
    assert exported["nodes"][0]["indicators"][0]["x-series"] == [1, 2]
    assert exported["nodes"][0]["indicators"][0]["targets"][0]["x-note"] == "n"


@pytest.mark.django_db
def test_seuranta_fields_round_trip():
    doc = {
        "format": "seuranta-plan/1",
        "title": "T",
        "organization": "Kaupunki",
        "period": "2026–2029",
        "levels": ["Tavoite"],
        "sections": [],
        "kind": "strategy",
        "tolerance": 0.2,
        "state_scale": ["Ei", "Valmistelussa", "Valmis"],
        "nodes": [
            {
                "level": "Tavoite",
                "title": "A",
                "binding": True,
                "phase": "in_progress",
                "milestones": [{"title": "M", "due": "2026", "done": True}],
                "progress": [
                    {"period": "2026-T1", "text": "Edistyy", "phase": "in_progress", "verdict": "partly"}
                ],
            }
        ],
    }
    stored = store_plan(load_plan(json.dumps(doc)))
    exported = load_core_plan(stored).to_dict()
    assert (stored.start_year, stored.end_year) == (2026, 2029)
    assert exported["tolerance"] == 0.2 and exported["kind"] == "strategy"
    assert exported["state_scale"] == ["Ei", "Valmistelussa", "Valmis"]
    node = exported["nodes"][0]
    assert node["binding"] is True and node["phase"] == "in_progress"
    assert node["milestones"][0]["done"] is True
    assert node["progress"][0]["verdict"] == "partly"


@pytest.mark.django_db
def test_measure_periods_are_normalised_to_date_ranges():
    path = GOLD_DIR / "pori-sivistystoimiala-toteutuminen-q1-2023.json"
    store_plan(load_plan(path.read_text(encoding="utf-8")))
    measure = Measure.objects.filter(period="2022-09-20").first()
    assert str(measure.period_start) == "2022-09-20" and str(measure.period_end) == "2022-09-20"
    school_year = Measure.objects.filter(period="2021/2022").first()
    assert str(school_year.period_end) == "2022-07-31"


SCHOOLS = GOLD_DIR / "pori-sivistystoimiala-toteutuminen-q1-2023.json"


@pytest.mark.django_db
def test_units_the_organisation_lacks_are_created_only_when_asked():
    store_plan(load_plan(SCHOOLS.read_text(encoding="utf-8")))
    org = Organization.objects.get(name="Porin kaupunki")
    assert not org.units.exists()
    assert Node.objects.filter(unit_name="Perusopetus", org_unit=None).exists()
    store_plan(load_plan(SCHOOLS.read_text(encoding="utf-8")), create_units=True)
    assert set(org.units.values_list("name", flat=True)) >= {"Perusopetus", "Varhaiskasvatus"}
    assert Node.objects.filter(unit_name="Perusopetus", org_unit__name="Perusopetus").exists()


@pytest.mark.django_db
def test_a_written_unit_links_to_the_active_unit_of_the_same_name_whatever_its_case_and_spacing():
    org = Organization.objects.create(name="Porin kaupunki")
    school = OrganizationUnit.objects.create(organization=org, name="perusopetus")
    OrganizationUnit.objects.create(organization=org, name="Varhaiskasvatus", active=False)
    store_plan(load_plan(SCHOOLS.read_text(encoding="utf-8")), create_units=True)
    assert Node.objects.filter(unit_name="Perusopetus").exclude(org_unit=school).count() == 0
    # A unit out of use is not given to new nodes, nor created again under its name.
    assert not Node.objects.filter(unit_name="Varhaiskasvatus", org_unit__isnull=False).exists()
    assert org.units.filter(name__iexact="varhaiskasvatus").count() == 1


@pytest.mark.django_db
def test_the_units_given_are_the_ones_nodes_get_and_the_name_as_written_stays():
    org = Organization.objects.create(name="Porin kaupunki")
    chosen = OrganizationUnit.objects.create(organization=org, name="Sivistyspalvelut")
    store_plan(
        load_plan(SCHOOLS.read_text(encoding="utf-8")), units={"Perusopetus": chosen}, create_units=True
    )
    assert set(Node.objects.filter(org_unit=chosen).values_list("unit_name", flat=True)) == {"Perusopetus"}
    assert not Node.objects.filter(org_unit__isnull=False).exclude(org_unit=chosen).exists()
    assert org.units.count() == 1


@pytest.mark.django_db
def test_reading_a_plan_back_takes_the_same_queries_for_small_and_large_plans(django_assert_max_num_queries):
    from tests.factories import make_plan

    small, large = make_plan(2), make_plan(300, indicators_per_action=2)
    for plan in (small, large):
        plan = Plan.objects.get(pk=plan.pk)
        with django_assert_max_num_queries(7):
            load_core_plan(plan)


def _keys(plan):
    return [(node.key, [indicator.key for indicator in node.indicators]) for node, _ in plan.walk()]


@pytest.mark.django_db
def test_reading_plans_together_gives_each_plan_exactly_as_reading_it_alone():
    from tests.factories import make_plan

    stored = [store_plan(load_plan(path.read_text(encoding="utf-8"))) for path in GOLD_FILES]
    stored += [make_plan(3), make_plan(1, indicators_per_action=2)]
    plans = list(Plan.objects.filter(pk__in=[p.pk for p in stored]).order_by("-pk"))
    together = load_core_plans(plans)
    assert list(together) == [plan.pk for plan in plans]
    for plan in plans:
        alone = load_core_plan(Plan.objects.get(pk=plan.pk))
        assert together[plan.pk] == alone
        assert dump_plan(together[plan.pk]) == dump_plan(alone)
        assert _keys(together[plan.pk]) == _keys(alone)


@pytest.mark.django_db
def test_reading_many_plans_takes_the_same_queries_as_reading_one(django_assert_max_num_queries):
    from tests.factories import make_organization, make_plan

    for i in range(6):
        make_plan(2 + i, organization=make_organization(f"Kaupunki {i % 3}"))
    plans = list(Plan.objects.all())  # organisations not read with them: one query for all
    with django_assert_max_num_queries(7):
        load_core_plans(plans)


def _valid():
    return {
        "format": "seuranta-plan/1",
        "title": "T",
        "organization": "O",
        "levels": ["Tavoite", "Toimenpide"],
        "sections": [{"title": "Johdanto", "text": "..."}],
        "nodes": [
            {
                "level": "Tavoite",
                "title": "A",
                "children": [
                    {
                        "level": "Toimenpide",
                        "title": "B",
                        "indicators": [
                            {
                                "name": "M",
                                "baseline": {"text": "1", "kind": "value", "value": 1},
                                "targets": [
                                    {"text": "2", "kind": "value", "value": 2},
                                    {"text": "3", "kind": "value", "value": 3},
                                ],
                            },
                        ],
                    },
                ],
            },
            {"level": "Tavoite", "title": "C"},
            {"level": "Tavoite", "title": "D"},
            {
                "level": "Tavoite",
                "title": "E",
                "indicators": [
                    {
                        "name": "N",
                        "targets": [
                            {"text": "x", "kind": "state"},
                            {"text": "9", "kind": "value", "value": 9},
                        ],
                    }
                ],
            },
        ],
    }


def _broken(change):
    doc = _valid()
    change(doc)
    return doc


MALFORMED = {
    "value_not_a_number": (
        lambda d: d["nodes"][3]["indicators"][0]["targets"][1].update(value="9"),
        "nodes[3].indicators[0].targets[1].value: expected a number",
    ),
    "wrong_format": (lambda d: d.update(format="seuranta-plan/2"), 'format: expected "seuranta-plan/1"'),
    "missing_format": (lambda d: d.pop("format"), "format: required field is missing"),
    "missing_nodes": (lambda d: d.pop("nodes"), "nodes: required field is missing"),
    "nodes_not_a_list": (lambda d: d.update(nodes={"a": 1}), "nodes: expected a list"),
    "node_not_an_object": (lambda d: d["nodes"].append("Tavoite X"), "nodes[4]: expected an object"),
    "node_without_title": (lambda d: d["nodes"][1].pop("title"), "nodes[1].title: required field is missing"),
    "empty_title": (lambda d: d["nodes"][2].update(title="  "), "nodes[2].title: must not be empty"),
    "unknown_level": (
        lambda d: d["nodes"][1].update(level="Visio"),
        'nodes[1].level: level "Visio" is not one of the document\'s levels (Tavoite, Toimenpide)',
    ),
    "unknown_measure_kind": (
        lambda d: d["nodes"][0]["children"][0]["indicators"][0]["baseline"].update(kind="about"),
        "nodes[0].children[0].indicators[0].baseline.kind: expected one of value, min, max, "
        "change_percent, state",
    ),
    "measure_without_text": (
        lambda d: d["nodes"][0]["children"][0]["indicators"][0]["targets"][0].pop("text"),
        "nodes[0].children[0].indicators[0].targets[0].text: required field is missing",
    ),
    "indicator_without_name": (
        lambda d: d["nodes"][3]["indicators"][0].pop("name"),
        "nodes[3].indicators[0].name: required field is missing",
    ),
    "responsible_not_strings": (
        lambda d: d["nodes"][1].update(responsible=["a", 3]),
        "nodes[1].responsible[1]: expected a string",
    ),
    "title_is_a_number": (lambda d: d.update(title=2026), "title: expected a string or null"),
    "section_without_text": (
        lambda d: d["sections"][0].pop("text"),
        "sections[0].text: required field is missing",
    ),
    "boolean_as_value": (
        lambda d: d["nodes"][3]["indicators"][0]["targets"][1].update(value=True),
        "nodes[3].indicators[0].targets[1].value: expected a number",
    ),
    "milestone_due_a_number": (
        lambda d: d["nodes"][2].update(milestones=[{"title": "M", "due": 2026}]),
        "nodes[2].milestones[0].due: expected a string or null",
    ),
    "unknown_verdict": (
        lambda d: d["nodes"][2].update(progress=[{"text": "t", "verdict": "great"}]),
        "nodes[2].progress[0].verdict: expected one of achieved, partly, not_achieved, not_assessable",
    ),
    "tolerance_out_of_range": (
        lambda d: d.update(tolerance=5),
        "tolerance: expected a fraction between 0 and 1",
    ),
    "document_is_a_list": (lambda d: None, None),
}


def test_the_valid_sample_document_is_valid():
    assert validate_document(_valid()) == []


@pytest.mark.parametrize("case", [k for k in MALFORMED if k != "document_is_a_list"])
def test_malformed_document_is_refused_naming_the_field(case):
    change, expected = MALFORMED[case]
    problems = validate_document(_broken(change))
    assert expected in [p.message("en") for p in problems]


def test_a_list_is_not_a_document():
    assert [p.message() for p in validate_document([_valid()])] == ["(document): expected an object"]


def test_broken_json_is_refused_with_the_position():
    with pytest.raises(InvalidDocument) as info:
        load_plan('{"format": "seuranta-plan/1", "nodes": [}')
    assert "not valid JSON" in info.value.messages()[0]
    assert "column" in info.value.messages()[0]


def test_problem_messages_come_in_finnish_and_swedish():
    problems = validate_document(_broken(MALFORMED["value_not_a_number"][0]))
    assert problems[0].message("fi") == "nodes[3].indicators[0].targets[1].value: odotettiin lukua"
    assert problems[0].message("sv") == "nodes[3].indicators[0].targets[1].value: ett tal förväntades"


def _row_counts():
    return [
        model.objects.count()
        for model in (Plan, Node, Indicator, Measure, Milestone, ProgressEntry, Section, Organization)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(MALFORMED))
def test_cli_import_of_malformed_document_writes_nothing(case, tmp_path, capsys):
    from seuranta.cli import main

    store_plan(load_plan(json.dumps(_valid())))  # something already in the database
    before = _row_counts()
    change, expected = MALFORMED[case]
    doc = [_valid()] if case == "document_is_a_list" else _broken(change)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "mitään ei tallennettu" in err
    if expected:
        assert expected.split(":")[0] in err
    assert _row_counts() == before


@pytest.mark.django_db
def test_export_with_ids_names_each_stored_object_and_imports_as_a_new_copy():
    stored = store_plan(load_plan((GOLD_FILES[0]).read_text(encoding="utf-8")))
    with_ids = dump_plan(load_core_plan(stored), with_ids=True)
    document = json.loads(with_ids)
    assert document["id"] == stored.pk
    assert {n["id"] for n in document["nodes"]} <= set(
        Node.objects.filter(plan=stored).values_list("pk", flat=True)
    )
    copy = store_plan(load_plan(with_ids))
    # The ids are read, not kept: the copy exports exactly what the original exports without them.
    assert dump_plan(load_core_plan(copy)) == dump_plan(load_core_plan(stored))


def test_documents_without_ids_stay_valid_and_a_bad_id_is_named():
    assert validate_document({"format": "seuranta-plan/1", "nodes": []}) == []
    problems = validate_document(
        {"format": "seuranta-plan/1", "id": 0, "nodes": [{"id": "x", "level": "A", "title": "T"}]}
    )
    assert {(p.path, p.code) for p in problems} == {("id", "expected_id"), ("nodes[0].id", "expected_id")}
