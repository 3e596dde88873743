"""Parley's exceptions.

ParleyError            an error the user can act on: the CLI prints its message on one line
 +-- InputError        a file or value Parley was given is unusable (names the file and the problem)
 +-- QueryError        a SPARQL query or its parameters are wrong
"""


class ParleyError(Exception):
    """An error whose message is meant for the user, printed by the CLI as one line."""


class InputError(ParleyError):
    """Unusable input: the message names the file (and line) and says what is wrong."""


class QueryError(ParleyError):
    """A query that cannot be run as given: syntax, unknown name, missing parameter, an update."""
