"""The one failure a self-test check raises, shared by its Qt and non-Qt halves."""


class CheckFailed(Exception):
    """A check that did not pass; the message says why, in pt_BR."""
