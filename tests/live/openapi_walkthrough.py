"""A client that knows Écotone only through `/api/openapi.json`.

It finds every operation by its operationId in the document, then: gets a token, creates an
organisation (filling the required fields from the schema), starts a Guide assessment, answers every
question that applies (values taken from the questionnaire's own levels and options), reads the
scores, and recomputes them with the documented method from the questionnaire alone.

    python -m tests.live.openapi_walkthrough http://127.0.0.1:5000 EMAIL PASSWORD
"""

from __future__ import annotations

import json
import math
import random
import sys
import urllib.error
import urllib.request
from typing import Any


class Client:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.token: str | None = None
        self.document = self._send("GET", self.base_url + "/api/openapi.json")
        self.operations = {
            operation["operationId"]: (method.upper(), path)
            for path, item in self.document["paths"].items()
            for method, operation in item.items()
        }

    def _send(self, method: str, url: str, body: Any = None) -> Any:
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{method} {url}: {error.code} {error.read().decode()}") from None
        return json.loads(raw) if raw else None

    def call(self, operation_id: str, body: Any = None, query: str = "", **path: Any) -> Any:
        method, template = self.operations[operation_id]
        return self._send(method, self.base_url + template.format(**path) + query, body)

    def schema(self, name: str) -> dict[str, Any]:
        return self.document["components"]["schemas"][name]

    def request_schema(self, operation_id: str) -> dict[str, Any]:
        method, path = self.operations[operation_id]
        content = self.document["paths"][path][method.lower()]["requestBody"]["content"]
        return self.schema(content["application/json"]["schema"]["$ref"].rsplit("/", 1)[1])


def _example(definition: dict[str, Any], name: str) -> Any:
    """A value for a required field, from its schema alone."""
    if "enum" in definition:
        return definition["enum"][0]
    if definition.get("type") == "string":
        return f"Walkthrough {name}"
    if definition.get("type") == "boolean":
        return False
    raise ValueError(f"cannot make up a value for {name}: {definition}")


def answer_for(question: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    if question["allow_na"] and rng.random() < 0.1:
        return {"value": None, "na": True}
    kind = question["type"]
    if kind == "scale":
        return {"value": rng.choice(question["levels"])["value"]}
    if kind == "choice":
        return {"value": rng.choice(question["options"])["id"]}
    if kind == "yes_partial_no":
        return {"value": rng.choice(["yes", "partial", "no"])}
    if kind == "number":
        low = question["min"] if question["min"] is not None else 0
        high = question["max"] if question["max"] is not None else low + 100
        return {"value": rng.randint(math.ceil(low), math.floor(high))}
    return {"value": "Réponse écrite par le script."}


def expected_scores(
    questionnaire: dict[str, Any], given: dict[str, dict[str, Any]], applicable: set[str]
) -> dict[str, Any]:
    """The documented method, from the questionnaire document and the answers given."""
    points = {"yes": 100.0, "partial": 50.0, "no": 0.0}
    themes = {}
    for theme in questionnaire["themes"]:
        weighted = weights = 0.0
        for question in theme["questions"]:
            answer = given.get(question["id"])
            if question["id"] not in applicable or not question["scored"] or not answer:
                continue
            if answer.get("na"):
                continue
            if question["type"] == "scale":
                score = 100 * answer["value"] / (len(question["levels"]) - 1)
            elif question["type"] == "yes_partial_no":
                score = points[answer["value"]]
            else:
                score = next(o["score"] for o in question["options"] if o["id"] == answer["value"])
            weighted += question["weight"] * score
            weights += question["weight"]
        themes[theme["id"]] = (weighted / weights if weights else None, theme["weight"])
    scored = [(s, w) for s, w in themes.values() if s is not None]
    overall = sum(s * w for s, w in scored) / sum(w for _, w in scored) if scored else None
    return {"overall": overall, "themes": {k: s for k, (s, _) in themes.items()}}


def walkthrough(base_url: str, email: str, password: str, seed: int = 2026) -> dict[str, Any]:
    rng = random.Random(seed)
    client = Client(base_url)
    client.token = client.call("create_token", {"email": email, "password": password})["token"]

    schema = client.request_schema("create_organisation")
    fields = {name: _example(schema["properties"][name], name) for name in schema["required"]}
    organisation = client.call("create_organisation", fields)

    listed = client.call("list_questionnaires", query="?per_page=100")["items"]
    guide = next(q for q in listed if q["id"] == "gbp")
    assessment = client.call(
        "create_assessment",
        {"questionnaire": guide["id"], "label": "Bilan par l'API"},
        organisation_id=organisation["id"],
    )
    pinned = assessment["questionnaire"]
    questionnaire = client.call(
        "get_questionnaire", query=f"?version={pinned['version']}", questionnaire_id=pinned["id"]
    )
    detail = client.call("get_assessment", assessment_id=assessment["id"])
    applicable = set(detail["applicable_questions"])

    given: dict[str, dict[str, Any]] = {}
    for theme in questionnaire["themes"]:
        for question in theme["questions"]:
            if question["id"] not in applicable:
                continue
            body = answer_for(question, rng) | {"comment": "", "version": None}
            saved = client.call(
                "put_answer", body, assessment_id=assessment["id"], question_id=question["id"]
            )
            assert saved["version"] == 1, saved
            given[question["id"]] = body

    scores = client.call("get_scores", assessment_id=assessment["id"])
    expected = expected_scores(questionnaire, given, applicable)
    return {
        "scores": scores,
        "expected": expected,
        "answered": len(given),
        "applicable": applicable,
    }


def main(argv: list[str]) -> int:
    result = walkthrough(*argv[1:4])
    scores, expected = result["scores"], result["expected"]
    print(f"answered {result['answered']} questions")
    print(f"overall: API {scores['overall']!r}, method {expected['overall']!r}")
    for theme in scores["themes"]:
        print(
            f"  {theme['id']}: API {theme['score']!r}, method {expected['themes'][theme['id']]!r}"
        )
    same = math.isclose(scores["overall"], expected["overall"], rel_tol=1e-12) and all(
        math.isclose(t["score"], expected["themes"][t["id"]], rel_tol=1e-12)
        for t in scores["themes"]
    )
    print("scores match the documented method" if same else "SCORES DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
