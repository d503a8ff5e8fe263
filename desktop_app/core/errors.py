"""The one base for refusals and failures already worded for the secretary.

Core modules raise subclasses (a store refusal, a damaged roster file, a bundle or backup that
cannot be used, a missing font, a broken rule profile) with a Chinese message naming what and
where; the GUI and the command line show that message as it is, never a traceback.
"""


class WordedError(Exception):
    """An error whose message is a complete Chinese sentence for the secretary."""
