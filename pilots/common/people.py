"""How a user is named on every page and in every document of the pilots app."""


def person_name(user) -> str:
    """The name of the user's person in the register, else their account's full name, else
    their username; empty for nobody. The register's name is the one the official documents
    print, so the screen shows the same."""
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return (person.full_name if person else "") or user.get_full_name() or user.get_username()
