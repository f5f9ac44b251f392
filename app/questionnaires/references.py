"""Fixed vocabularies that questionnaires cross-reference.

The Guide's eight themes come from the law and the Conseil supérieur de l'ESS, ISO 26000's core
subjects and 37 issues from the standard, and the 17 SDGs from the United Nations. They do not
change with a questionnaire file, so they live in code: a YAML file that points at an unknown
id is an error that names the file and line, not a silent dangling link.
"""

from __future__ import annotations

from typing import Final

#: The Guide des bonnes pratiques' themes, in the order the law and the Conseil list them.
GBP_THEMES: Final[dict[str, str]] = {
    "gouvernance": "Gouvernance démocratique",
    "concertation": "Concertation dans l'élaboration de la stratégie",
    "territoire": "Territorialisation de l'activité et des emplois",
    "emploi": "Politique salariale, exemplarité sociale et qualité des emplois",
    "usagers": "Lien avec les usagers et besoins non couverts",
    "diversite": "Diversité, non-discrimination et égalité femmes-hommes",
    "environnement": "Dimension environnementale",
    "ethique": "Éthique et déontologie",
}

#: ISO 26000 core subject id -> {issue id: clause of the standard}.
ISO26000_CORE_SUBJECTS: Final[dict[str, dict[str, str]]] = {
    "gouvernance": {"gouv-organisation": "6.2"},
    "droits-humains": {
        "dh-vigilance": "6.3.3",
        "dh-situations-risque": "6.3.4",
        "dh-complicite": "6.3.5",
        "dh-reclamations": "6.3.6",
        "dh-discrimination": "6.3.7",
        "dh-droits-civils": "6.3.8",
        "dh-droits-esc": "6.3.9",
        "dh-droits-travail": "6.3.10",
    },
    "relations-travail": {
        "rt-emploi": "6.4.3",
        "rt-conditions": "6.4.4",
        "rt-dialogue-social": "6.4.5",
        "rt-sante-securite": "6.4.6",
        "rt-formation": "6.4.7",
    },
    "environnement": {
        "env-pollution": "6.5.3",
        "env-ressources": "6.5.4",
        "env-climat": "6.5.5",
        "env-biodiversite": "6.5.6",
    },
    "loyaute-pratiques": {
        "lp-corruption": "6.6.3",
        "lp-politique": "6.6.4",
        "lp-concurrence": "6.6.5",
        "lp-chaine-valeur": "6.6.6",
        "lp-propriete": "6.6.7",
    },
    "consommateurs": {
        "conso-marketing": "6.7.3",
        "conso-sante-securite": "6.7.4",
        "conso-durable": "6.7.5",
        "conso-service": "6.7.6",
        "conso-donnees": "6.7.7",
        "conso-services-essentiels": "6.7.8",
        "conso-education": "6.7.9",
    },
    "communautes": {
        "com-implication": "6.8.3",
        "com-education-culture": "6.8.4",
        "com-emploi": "6.8.5",
        "com-technologie": "6.8.6",
        "com-richesse": "6.8.7",
        "com-sante": "6.8.8",
        "com-investissement": "6.8.9",
    },
}

#: Every ISO 26000 issue id, mapped to its core subject.
ISO26000_ISSUES: Final[dict[str, str]] = {
    issue: subject for subject, issues in ISO26000_CORE_SUBJECTS.items() for issue in issues
}

#: Sustainable Development Goals (Objectifs de développement durable) are numbered 1 to 17.
SDG_NUMBERS: Final[range] = range(1, 18)

#: Legal forms an organisation can have; questions may be restricted to some of them.
LEGAL_FORMS: Final[tuple[str, ...]] = (
    "association",
    "scop",
    "scic",
    "cooperative",
    "mutuelle",
    "fondation",
    "societe_ess",
)
