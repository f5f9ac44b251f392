"""An advisor's review, in Chromium, from consent to revocation (issue 7, "done when" 1).

The owner grants a CRESS access; the CRESS's advisor accepts the charter, finds the organisation in
the portfolio, comments on a theme and suggests an action; the owner reads the comment, replies and
takes the action into the plan; the owner revokes the access and the advisor's next request is
refused. axe checks every new page on the way.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import (
    Auditor,
    create_organisation,
    register,
    start_assessment,
)
from tests.browser.test_plan_chain import answer_everything_low

ORGANISATION = "La Ressourcerie du Port"
COMMENT = "Vos instances se réunissent peu : pensez à une AG participative."
SUGGESTION = "Organiser une AG participative au printemps"


def test_an_advisor_reviews_with_consent_until_it_is_revoked(live_server, browser):
    owner_context = browser.new_context(bypass_csp=True, locale="fr-FR")
    advisor_context = browser.new_context(bypass_csp=True, locale="fr-FR")
    owner = owner_context.new_page()
    advisor = advisor_context.new_page()
    owner_audit, advisor_audit = Auditor(owner), Auditor(advisor)
    try:
        # The organisation answers the Guide.
        register(owner, live_server, name="Olivia Owner")
        create_organisation(owner, ORGANISATION)
        organisation_url = owner.url
        start_assessment(owner, "gbp")
        overview_url = owner.url
        answer_everything_low(owner)

        # The site admin creates the CRESS and makes the advisor one of its advisors.
        advisor_email = register(advisor, live_server, name="Ada Conseil")
        network_id = live_server.flask(
            "networks", "create", "CRESS Bretagne", "--region", "bretagne"
        ).strip()
        live_server.flask("networks", "add-advisor", network_id, advisor_email)

        # Nothing is granted yet: the advisor sees an empty portfolio once the charter is signed.
        advisor.goto(f"{live_server.url}/advisor/")
        expect(advisor).to_have_url(re.compile(r"/advisor/charter"))
        advisor_audit("charter")
        advisor.get_by_label("J'ai lu et j'accepte la charte").check()
        advisor.get_by_role("button", name=re.compile("accepte", re.I)).click()
        expect(advisor).to_have_url(re.compile(r"/advisor/$"))
        expect(advisor.get_by_text(ORGANISATION)).to_have_count(0)

        # The owner grants the CRESS access to its results.
        owner.goto(organisation_url)
        owner.get_by_role("link", name="Accès des conseillers et statistiques").click()
        owner.get_by_label("À qui ouvrir l'accès").select_option(f"network-{network_id}")
        owner.get_by_label(re.compile("^Résultats")).check()
        owner.get_by_role("button", name="Ouvrir l'accès").click()
        expect(owner.get_by_role("button", name=re.compile("Retirer l'accès"))).to_be_visible()
        owner_audit("consent")

        # The advisor finds it, opens its results and its review page.
        advisor.reload()
        advisor_audit("portfolio")
        advisor.get_by_role("link", name=ORGANISATION).click()
        advisor_audit("organisation")
        advisor.get_by_role("link", name="Résultats", exact=False).first.click()
        expect(advisor.get_by_role("heading", level=1)).to_be_visible()
        advisor_audit("advisor results")
        advisor.get_by_role("link", name="Revue et commentaires").click()
        review_url = advisor.url
        advisor.get_by_label("Sur quoi porte le commentaire").select_option("theme:gouvernance")
        advisor.get_by_label("Commentaire", exact=True).fill(COMMENT)
        advisor.get_by_role("button", name="Publier").click()
        expect(advisor.get_by_text(COMMENT)).to_be_visible()
        advisor.get_by_label("Action suggérée").fill(SUGGESTION)
        advisor.get_by_label("Thème", exact=True).select_option("gouvernance")
        advisor.get_by_role("button", name="Suggérer").click()
        expect(advisor.get_by_role("heading", name=SUGGESTION)).to_be_visible()
        advisor_audit("advisor review")

        # The owner sees the new comment, replies, and takes the action into the plan.
        owner.goto(f"{live_server.url}/")
        owner_audit("dashboard")
        owner.get_by_role("link", name=re.compile("1 nouveau commentaire")).click()
        expect(owner.get_by_text(COMMENT)).to_be_visible()
        owner.get_by_label("Votre message en réponse").first.fill(
            "Merci, nous en parlons au prochain CA."
        )
        owner.get_by_role("button", name="Répondre à ce fil").first.click()
        expect(owner.get_by_text("Merci, nous en parlons au prochain CA.")).to_be_visible()
        owner.get_by_role("button", name=re.compile("^Ajouter au plan")).click()
        owner_audit("owner review")
        owner.get_by_role("link", name=re.compile("Voir l'action dans le plan")).click()
        expect(owner.get_by_text(SUGGESTION).first).to_be_visible()

        # Anonymous figures: the CRESS's regional dashboard, the owner's benchmark section.
        advisor.goto(f"{live_server.url}/networks/{network_id}/statistics")
        expect(advisor.get_by_role("heading", level=1)).to_be_visible()
        advisor_audit("regional dashboard")
        owner.goto(overview_url)
        owner.get_by_role("link", name="Voir les résultats").click()
        expect(owner.get_by_role("heading", name="Organisations comme la vôtre")).to_be_visible()
        owner_audit("results with the benchmark")

        # The advisor sees the reply; then the owner revokes, and the next request is refused.
        advisor.goto(review_url)
        expect(advisor.get_by_text("Merci, nous en parlons au prochain CA.")).to_be_visible()
        owner.goto(organisation_url)
        owner.get_by_role("link", name="Accès des conseillers et statistiques").click()
        owner.get_by_role("button", name=re.compile("Retirer l'accès")).click()
        expect(owner.get_by_text(re.compile("Accès retiré"))).to_be_visible()
        response = advisor.goto(review_url)
        assert response.status == 404
        response = advisor.goto(f"{live_server.url}/advisor/")
        assert response.status == 200
        expect(advisor.get_by_text(ORGANISATION)).to_have_count(0)

        # The owner's access log says who looked at what.
        owner.get_by_role("link", name=re.compile("journal", re.I)).first.click()
        expect(owner.get_by_text("Ada Conseil").first).to_be_visible()
        owner_audit("access log")
        assert owner_audit.found == {}
        assert advisor_audit.found == {}
    finally:
        owner_context.close()
        advisor_context.close()
