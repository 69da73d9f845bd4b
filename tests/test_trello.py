"""The Trello mapping rules of design.md, one case each, and a whole board imported in the core."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REFERENCE

from planner.core import trello
from planner.core.errors import PlanError
from planner.core.model import Resource, replace
from planner.edge import store

BOARD = Path(__file__).parent / "fixtures" / "trello" / "aws-ml-board.json"
TODAY = dt.date(2026, 12, 10)


def reference():
    return store.load(REFERENCE).plan


def board_data() -> dict[str, Any]:
    return json.loads(BOARD.read_text(encoding="utf-8"))


def one_list_board(list_name: str, *cards: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "name": "b",
        "lists": [{"id": "L1", "name": list_name, "closed": False, "pos": 1}],
        "cards": [{"id": f"c{i}", "idList": "L1", "pos": i, **card} for i, card in enumerate(cards)],
        **extra,
    }


LIST_CASES = [
    ("by-id", "EDA", {}, ("eda", "id", None)),
    ("by-name-ignoring-case-spaces-punctuation", "exploratory  data-analysis!", {}, ("eda", "name", None)),
    ("emoji-left-out", "📊 Modelling ⚙️", {}, ("modelling", "id", None)),
    ("accents-left-out", "Modélling", {}, ("modelling", "id", None)),
    ("and-for-an-ampersand-is-a-suggestion", "ML implementation and operations", {}, (None, "", "ml-ops")),
    ("override", "Modeling", {"modeling": "modelling"}, ("modelling", "--list", None)),
    ("override-beats-a-matching-name", "Modelling", {"Modelling": "eda"}, ("eda", "--list", None)),
    ("done-list", "DONE!", {}, (None, "done", None)),
    ("did-you-mean", "Modeling", {}, (None, "", "modelling")),
    ("did-you-mean-a-longer-name", "Modelling & algorithms", {}, (None, "", "modelling")),
    ("no-suggestion", "Random links", {}, (None, "", None)),
    ("a-short-id-inside-a-word-is-no-suggestion", "Predators", {}, (None, "", None)),
    ("emoji-only-list", "🔥", {}, (None, "", None)),
]


@pytest.mark.parametrize(("name", "overrides", "expected"), [c[1:] for c in LIST_CASES], ids=[c[0] for c in LIST_CASES])
def test_lists_map_to_domains(name: str, overrides: dict[str, str], expected: tuple) -> None:
    board = trello.board_from_export(one_list_board(name, {"name": "card"}))
    (mapping,) = trello.map_lists(board, reference(), overrides)
    assert (mapping.domain, mapping.how, mapping.suggestion) == expected
    assert mapping.cards == 1


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [
        ({"Modelling": "modelling"}, 'no open list "Modelling"; did you mean "Modeling"?'),
        ({"Old stuff": "eda"}, 'no open list "Old stuff"'),
        ({"Modeling": "modeling"}, 'no domain "modeling"; did you mean "modelling"?'),
    ],
    ids=["unknown-list", "archived-list", "unknown-domain"],
)
def test_a_list_option_that_names_nothing_is_refused(overrides: dict[str, str], needle: str) -> None:
    board = trello.board_from_export(board_data())
    with pytest.raises(PlanError, match=needle.replace("?", r"\?")):
        trello.map_lists(board, reference(), overrides)


PRIORITY_CASES = [
    ("no-labels", [], "medium"),
    ("colour-only-label", [{"name": "", "color": "red"}], "medium"),
    ("high", [{"name": "High"}], "high"),
    ("in-a-phrase", [{"name": "🔥 high priority"}], "high"),
    ("low", [{"name": "LOW"}], "low"),
    ("medium", [{"name": "prio: medium"}], "medium"),
    ("the-highest-wins", [{"name": "low"}, {"name": "High"}], "high"),
    ("a-word-inside-another-is-not-it", [{"name": "Highlights"}, {"name": "lowercase"}], "medium"),
    ("other-names-ignored", [{"name": "Needs review"}], "medium"),
]


@pytest.mark.parametrize(("labels", "priority"), [c[1:] for c in PRIORITY_CASES], ids=[c[0] for c in PRIORITY_CASES])
def test_labels_set_the_priority(labels: list[dict[str, str]], priority: str) -> None:
    data = one_list_board("eda", {"name": "card", "labels": labels})
    (resource,) = trello.import_board(reference(), trello.board_from_export(data), today=TODAY).plan.resources[-1:]
    assert resource.priority == priority


def test_label_names_come_from_the_board_labels_too() -> None:
    data = one_list_board("eda", {"name": "card", "idLabels": ["x"]}, labels=[{"id": "x", "name": "Low"}])
    (resource,) = trello.import_board(reference(), trello.board_from_export(data), today=TODAY).plan.resources[-1:]
    assert resource.priority == "low"


def checklist(card: str, *states: str) -> dict[str, Any]:
    return {"id": f"cl-{card}-{len(states)}", "idCard": card, "checkItems": [{"state": s} for s in states]}


STATUS_CASES = [
    ("plain", "eda", {}, [], "todo"),
    ("due-complete", "eda", {"dueComplete": True, "due": "2026-12-01T10:00:00.000Z"}, [], "done"),
    ("due-not-complete", "eda", {"dueComplete": False, "due": "2026-12-01T10:00:00.000Z"}, [], "todo"),
    ("done-list", "Done", {}, [], "done"),
    ("all-items-complete", "eda", {}, [checklist("c0", "complete", "complete")], "done"),
    (
        "all-of-two-checklists",
        "eda",
        {},
        [checklist("c0", "complete"), checklist("c0", "complete", "complete")],
        "done",
    ),
    ("some-items-complete", "eda", {}, [checklist("c0", "complete", "incomplete")], "doing"),
    ("one-of-two-checklists", "eda", {}, [checklist("c0", "complete"), checklist("c0", "incomplete", "x")], "doing"),
    ("no-item-complete", "eda", {}, [checklist("c0", "incomplete")], "todo"),
    ("empty-checklist", "eda", {}, [checklist("c0")], "todo"),
]


@pytest.mark.parametrize(
    ("list_name", "card", "checklists", "status"), [c[1:] for c in STATUS_CASES], ids=[c[0] for c in STATUS_CASES]
)
def test_status_from_due_checklists_and_the_done_list(
    list_name: str, card: dict[str, Any], checklists: list[dict[str, Any]], status: str
) -> None:
    data = one_list_board(list_name, {"name": "card", **card}, checklists=checklists)
    (resource,) = trello.import_board(reference(), trello.board_from_export(data), today=TODAY).plan.resources[-1:]
    assert resource.status == status
    assert resource.done_on == (TODAY if status == "done" else None)


HINT_CASES = [
    ("parenthesised", "SageMaker guide (2h)", ("SageMaker guide", 2.0)),
    ("spaced-decimal", "Feature store 1.5 h", ("Feature store", 1.5)),
    ("comma-decimal", "Data formats 1,5h", ("Data formats", 1.5)),
    ("hours-word", "Deep dive videos (16 hours)", ("Deep dive videos", 16.0)),
    ("in-the-middle", "Read (3h) chapter four", ("Read chapter four", 3.0)),
    ("after-a-dash", "Blog posts - 4 hrs", ("Blog posts", 4.0)),
    ("no-hint", "Glue & Athena", ("Glue & Athena", None)),
    ("a-name-with-a-digit", "S3 high availability", ("S3 high availability", None)),
    ("a-word-starting-with-h", "Top 10 hints", ("Top 10 hints", None)),
    ("zero-is-no-estimate", "Nothing (0h)", ("Nothing (0h)", None)),
    ("only-a-hint", "(2h)", ("(2h)", 2.0)),
]


@pytest.mark.parametrize(("title", "expected"), [c[1:] for c in HINT_CASES], ids=[c[0] for c in HINT_CASES])
def test_hour_hints_in_titles(title: str, expected: tuple[str, float | None]) -> None:
    assert trello.hour_hint(title) == expected


ID_CASES = [
    ("plain", "Glue & Athena notes", set(), "glue-athena-notes"),
    ("accents-folded", "Modélisation avancée", set(), "modelisation-avancee"),
    ("markup-dropped", "[bold]x[/]", set(), "bold-x"),
    ("emoji-only", "🔥🔥", set(), "card"),
    ("taken", "Glue", {"glue", "glue-2"}, "glue-3"),
    ("long", "a" * 100, set(), "a" * 48),
]


@pytest.mark.parametrize(("title", "taken", "expected"), [c[1:] for c in ID_CASES], ids=[c[0] for c in ID_CASES])
def test_ids_are_made_from_titles(title: str, taken: set[str], expected: str) -> None:
    from planner.core.rules import is_valid_id

    made = trello.resource_id(title, taken)
    assert made == expected and is_valid_id(made)


def test_the_board_becomes_resources() -> None:
    result = trello.import_board(reference(), trello.board_from_export(board_data()), today=TODAY)
    before = len(reference().resources)
    new = {r.id: r for r in result.plan.resources[before:]}
    assert [c.id for c in result.report.added] == list(new)
    assert list(new) == [
        "kinesis-data-streams-vs-firehose",
        "glue-athena-notes",
        "data-formats-parquet-vs-orc",
        "bold-feature-engineering-cheatsheet",
        "visualisations",
        "sagemaker-built-in-algorithms",
        "xgboost-31mred-0m-flags",
        "deployment-endpoints-a-b-tests",
        "card-a8b9c110",
        "exam-readiness-course",
    ]
    k = new["kinesis-data-streams-vs-firehose"]
    assert (k.title, k.hours, k.priority, k.status, k.domains, k.url, k.kind, k.origin) == (
        "Kinesis Data Streams vs Firehose",
        2.0,
        "high",
        "doing",
        ("data-engineering",),
        "https://trello.com/c/Kn1sFire",
        "notes",
        "trello:64f1a2b3c4d5e6f7a8b9c101",
    )
    assert k.notes.startswith("Shards, retention, [KPL docs](https://docs.aws")
    summary = {rid: (r.hours, r.priority, r.status, r.domains) for rid, r in new.items()}
    assert summary == {
        "kinesis-data-streams-vs-firehose": (2.0, "high", "doing", ("data-engineering",)),
        "glue-athena-notes": (1.0, "medium", "todo", ("data-engineering",)),
        "data-formats-parquet-vs-orc": (1.5, "low", "todo", ("data-engineering",)),
        "bold-feature-engineering-cheatsheet": (1.5, "medium", "todo", ("eda",)),
        "visualisations": (1.0, "medium", "done", ("eda",)),
        "sagemaker-built-in-algorithms": (3.0, "high", "done", ()),
        "xgboost-31mred-0m-flags": (1.0, "low", "doing", ()),
        "deployment-endpoints-a-b-tests": (1.0, "medium", "todo", ("ml-ops",)),
        "card-a8b9c110": (1.0, "medium", "todo", ()),
        "exam-readiness-course": (1.0, "medium", "done", ()),
    }
    assert new["bold-feature-engineering-cheatsheet"].title == "[bold]Feature engineering[/] cheatsheet"
    assert new["xgboost-31mred-0m-flags"].title == "XGBoost \x1b[31mred\x1b[0m \u202eflags"  # as typed
    assert new["card-a8b9c110"].title == "🔥🔥🔥"
    assert [r.order for r in new.values()] == list(range(before, before + 10))
    assert [s.reason for s in result.report.skipped] == ["archived", "its list is archived"]
    assert [(m.list.name, m.suggestion) for m in result.report.unmapped] == [
        ("Modeling", "modelling"),
        ("Random links", None),
    ]


def test_the_imported_plan_is_one_the_loader_accepts() -> None:
    from planner.planfile.parse import validated

    plan = trello.import_board(reference(), trello.board_from_export(board_data()), today=TODAY).plan
    assert validated(plan) == plan


def test_importing_the_same_board_again_changes_nothing() -> None:
    board = trello.board_from_export(board_data())
    first = trello.import_board(reference(), board, today=TODAY, lists={"Modeling": "modelling"})
    again = trello.import_board(first.plan, board, today=TODAY + dt.timedelta(days=3), lists={"Modeling": "modelling"})
    assert again.plan == first.plan
    assert (again.report.added, again.report.updated, again.report.unchanged) == ((), (), 10)


def test_a_changed_board_updates_what_it_imported() -> None:
    board = trello.board_from_export(board_data())
    plan = trello.import_board(reference(), board, today=TODAY).plan
    by_origin = {r.origin: r.id for r in plan.resources if r.origin}
    # In the planner: an estimate set by hand, and a card finished here first.
    plan = _edit(plan, "deployment-endpoints-a-b-tests", hours=5.0)
    plan = _edit(plan, "xgboost-31mred-0m-flags", status="done", done_on=dt.date(2026, 12, 9))
    data = board_data()
    cards = {c["id"]: c for c in data["cards"]}
    cards["64f1a2b3c4d5e6f7a8b9c102"]["name"] = "Glue, Athena & Lake Formation (3h)"
    cards["64f1a2b3c4d5e6f7a8b9c109"]["dueComplete"] = True
    cards["64f1a2b3c4d5e6f7a8b9c101"]["idList"] = "64f1a2b3c4d5e6f7a8b9d002"  # moved to the EDA list
    cards["64f1a2b3c4d5e6f7a8b9c105"]["closed"] = True  # archived since
    new_card = copy.deepcopy(cards["64f1a2b3c4d5e6f7a8b9c102"])
    new_card.update(id="64f1a2b3c4d5e6f7a8b9c199", name="Glue & Athena notes", shortLink="New99Crd", pos=1)
    data["cards"].append(new_card)
    result = trello.import_board(plan, trello.board_from_export(data), today=TODAY + dt.timedelta(days=1))
    after = {r.id: r for r in result.plan.resources}
    updated = {c.id: c.fields for c in result.report.updated}
    glue = after[by_origin["trello:64f1a2b3c4d5e6f7a8b9c102"]]
    assert (glue.id, glue.title, glue.hours) == ("glue-athena-notes", "Glue, Athena & Lake Formation", 3.0)
    assert {"title", "hours"} <= set(updated["glue-athena-notes"])
    deployment = after["deployment-endpoints-a-b-tests"]
    assert (deployment.status, deployment.done_on, deployment.hours) == ("done", TODAY + dt.timedelta(days=1), 5.0)
    assert after["kinesis-data-streams-vs-firehose"].domains == ("eda",)
    assert after["xgboost-31mred-0m-flags"].status == "done"  # never moved back by an import
    assert after["visualisations"].status == "done"  # archived on the board: kept
    assert [c.id for c in result.report.added] == ["glue-athena-notes-2"]
    assert len(result.plan.resources) == len(plan.resources) + 1
    assert ("Visualisations 📈", "archived; visualisations stays in the plan") in result.report.skipped
    assert trello.import_board(result.plan, trello.board_from_export(data), today=TODAY).report.updated == ()


def _edit(plan, rid: str, **changes: Any):
    return replace(plan, resources=tuple(replace(r, **changes) if r.id == rid else r for r in plan.resources))


def test_cards_of_a_resource_made_by_hand_are_added_beside_it() -> None:
    plan = reference()
    mine = Resource(id="glue-athena-notes", title="Glue & Athena notes", hours=2)
    plan = replace(plan, resources=(*plan.resources, mine))
    result = trello.import_board(plan, trello.board_from_export(board_data()), today=TODAY)
    assert result.plan.resource("glue-athena-notes") == mine
    assert "glue-athena-notes-2" in [c.id for c in result.report.added]


def test_the_default_estimate() -> None:
    data = one_list_board("eda", {"name": "no hint"}, {"name": "hint (4h)"})
    plan = trello.import_board(reference(), trello.board_from_export(data), today=TODAY, hours=2.5).plan
    assert [r.hours for r in plan.resources[-2:]] == [2.5, 4.0]
    with pytest.raises(PlanError, match="more than 0"):
        trello.import_board(reference(), trello.board_from_export(data), today=TODAY, hours=0)


def test_long_text_is_cut_to_what_a_plan_holds() -> None:
    from planner.core.rules import MAX_TEXT

    data = one_list_board("eda", {"name": "t" * 20_000, "desc": "d" * 20_000})
    (resource,) = trello.import_board(reference(), trello.board_from_export(data), today=TODAY).plan.resources[-1:]
    assert len(resource.title) == len(resource.notes) == MAX_TEXT and resource.notes.endswith("…")


def test_a_lone_surrogate_becomes_a_replacement_character() -> None:
    data = one_list_board("eda", {"name": "bad \ud800 name"})
    (resource,) = trello.import_board(reference(), trello.board_from_export(data), today=TODAY).plan.resources[-1:]
    assert resource.title == "bad \ufffd name"
    store.dumps(trello.import_board(reference(), trello.board_from_export(data), today=TODAY).plan).encode()


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ([], "holds a JSON array"),
        ("board", "holds a JSON string"),
        ({"name": "x"}, "lists: is missing: this is not a Trello board export"),
        ({"lists": [], "cards": {}}, "cards: is missing"),
        ({"lists": [1], "cards": []}, "lists[0]: must be an object"),
        ({"lists": [{"id": "L", "name": 3}], "cards": []}, "lists[0].name: must be a string"),
        ({"lists": [], "cards": [{"id": "c", "name": "n"}]}, "cards[0].idList: must be a string"),
        (
            {"lists": [], "cards": [{"id": "c/../x", "name": "n", "idList": "L"}]},
            "cards[0].id: is not a Trello card id",
        ),
        ({"lists": [], "cards": [{"id": "c", "name": "n", "idList": "L", "closed": "no"}]}, "closed: must be true"),
        ({"lists": [], "cards": [], "checklists": [{"idCard": 5}]}, "checklists[0].idCard: must be a string"),
        (
            {"lists": [], "cards": [{"id": "c", "name": "n", "idList": "L", "pos": 10**400}]},
            "cards[0].pos: is too large",
        ),
        ({"lists": [{"id": "L", "name": "n", "pos": -(10**400)}], "cards": []}, "lists[0].pos: is too large a number"),
        (
            {"lists": [{"id": "L", "name": "n", "pos": float("inf")}], "cards": []},
            "lists[0].pos: is too large a number",
        ),
    ],
    ids=[
        "array",
        "string",
        "no-lists",
        "cards-not-an-array",
        "list-not-an-object",
        "list-name-not-text",
        "card-without-list",
        "card-id-with-a-path",
        "closed-not-a-flag",
        "checklist-card-not-text",
        "card-pos-past-a-float",
        "list-pos-past-a-float",
        "pos-1e400-read-as-infinity",
    ],
)
def test_what_is_not_a_board_is_refused_by_key(data: object, needle: str) -> None:
    with pytest.raises(PlanError) as caught:
        trello.board_from_export(data)
    assert needle in str(caught.value)


@pytest.mark.parametrize(
    ("card", "url"),
    [
        ({"shortLink": "Ab12Cd34"}, "https://trello.com/c/Ab12Cd34"),
        ({"shortUrl": "https://trello.com/c/Xy"}, "https://trello.com/c/Xy"),
        ({"shortLink": "../../evil", "shortUrl": "javascript:alert(1)"}, None),
        ({"url": "http://trello.com/c/Ab"}, None),
    ],
    ids=["short-link", "short-url", "hostile-link", "not-https"],
)
def test_the_short_link_is_the_url(card: dict[str, str], url: str | None) -> None:
    board = trello.board_from_export(one_list_board("eda", {"name": "x", **card}))
    assert board.cards[0].url == url
