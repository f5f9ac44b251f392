"""The baseline: a bare Flask app, served by gunicorn with the same settings as Écotone."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello() -> str:
    return "hello"
