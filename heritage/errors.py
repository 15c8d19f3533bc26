"""Domain errors raised by services and rendered by the web layer and the CLI."""


class HeritageError(Exception):
    """Base of every error heritage explains to a person."""


class ItemNotFound(HeritageError):
    """No item with this identifier is visible to the caller."""


class CollectionNotFound(HeritageError):
    """No collection with this slug exists."""


class ExhibitionNotFound(HeritageError):
    """No published exhibition (or no page of it) has this slug."""


class NewspaperNotFound(ItemNotFound):
    """No published clipping of this newspaper (in this year, of this issue) is visible."""


class InvalidInput(HeritageError):
    """A value given by a person cannot be used; the message says which and why."""


class AccessDenied(HeritageError):
    """The caller may not see this file or item."""


class MediaMissing(HeritageError):
    """A stored file the database refers to is not in the media store."""


class MediaStoreUnavailable(HeritageError):
    """The media store cannot be used at all (no bucket, refused credentials, no answer);
    the message names the store and what to check."""


class InvalidQuery(HeritageError, ValueError):
    """A search parameter (a sort, a facet, a filter) is not one heritage knows; the message lists the valid ones."""


class LoginRefused(HeritageError):
    """A sign-in failed: unknown name, wrong password, or an account locked or switched off."""


class NotAllowed(AccessDenied):
    """The signed-in person's role or branch does not allow this action."""
