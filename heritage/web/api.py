"""The JSON API under /api/: search now, the catalogue later.

Every error, whatever raised it, has one shape (a test pins it)::

    {"error": {"status": 400, "code": "bad_parameter", "parameter": "year_from",
               "message": "year_from must be a year in digits from 1 to 9999, e.g. 1935, not 'abc'."}}

``parameter`` is null when the error is not about one parameter. Messages are in English:
they are read by the developers of other sites, whatever the interface language.
"""
from __future__ import annotations

import re

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from ..errors import HeritageError
from ..services.search import search_items
from .search_params import BadParameter, read_params

PREFIX = "/api"
bp = Blueprint("api", __name__, url_prefix=PREFIX)


class ApiError(Exception):
    """An error to answer in the API's JSON shape."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.parameter = status, code, message, parameter


def error_response(status: int, code: str, message: str, parameter: str | None = None) -> Response:
    """The one JSON error shape, with its HTTP status and the CORS header."""
    response = jsonify({"error": {"status": status, "code": code, "message": message,
                                  "parameter": parameter}})
    response.status_code = status
    return _allow_any_origin(response)


def is_api_request() -> bool:
    """Whether the current request is for the API (so errors are answered as JSON)."""
    return request.path == PREFIX or request.path.startswith(PREFIX + "/")


def http_error(error: HTTPException) -> Response:
    """A Werkzeug HTTP error (404, 405, 500 …) in the API's shape."""
    status = error.code or 500
    if status == 404:
        message = f"There is nothing at {request.path}. The search API is at {PREFIX}/search."
    elif status == 405:
        message = f"{request.path} answers only {', '.join(sorted(error.valid_methods or ['GET']))}."
    else:
        message = error.description or error.name
    return error_response(status, _code(error.name), message)


def domain_error(error: HeritageError, status: int) -> Response:
    """A heritage domain error in the API's shape."""
    return error_response(status, _code(type(error).__name__), str(error))


def _code(name: str) -> str:
    """``Not Found`` → ``not_found``; ``ItemNotFound`` → ``item_not_found``."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return "_".join(re.findall(r"[a-z0-9]+", words.lower()))


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    return error_response(error.status, error.code, error.message, error.parameter)


@bp.errorhandler(BadParameter)
def _bad_parameter(error: BadParameter):
    return error_response(400, "bad_parameter", error.message, error.parameter)


@bp.after_request
def _allow_any_origin(response: Response) -> Response:
    """Any web page may read the API's answers to GET requests."""
    if request.method in ("GET", "HEAD"):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/search")
def search():
    """Search published items: the same parameters as /search, plus page_size and facet."""
    params, problems = read_params(request.args, api=True)
    if problems:
        raise problems[0]
    found = search_items(params.q, page=params.page, page_size=params.page_size,
                         facets=params.facets, filters=params.service_filters(),
                         years=params.years, sort=params.sort)
    return found.as_json()
