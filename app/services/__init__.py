"""Use cases shared by pages, the JSON API and the CLI.

Each service receives the acting user, checks access itself and owns its transaction, so that every
way into the application applies the same rules.
"""
