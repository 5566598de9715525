"""What stops the program with one line instead of a traceback."""


class Unusable(Exception):
    """A part the program needs cannot be used (the index, the database); the message says what
    is wrong and what to do about it, in one line."""
