"""The team standard's own examples are judged as the standard means.

The snippets are copied verbatim from ``standard.md`` (Documentation;
API Design; Database Interactions).
"""

from __future__ import annotations

from tests.helpers import codes_of

PROCESS_USER_DATA = '''
def process_user_data(user_id: str, include_history: bool = False) -> dict:
    """
    Process and retrieve user data from the database.

    Args:
        user_id: The unique identifier for the user
        include_history: Whether to include user history in the response

    Returns:
        A dictionary containing the processed user data

    Raises:
        ValueError: If the user_id is invalid
        DatabaseError: If there's an issue connecting to the database
    """
    # Implementation
    pass
'''

USER_CREATE = '''
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

class UserCreate(BaseModel):
    username: str
    email: str
    full_name: str = None
'''

GET_USER_BY_EMAIL = '''
async def get_user_by_email(db: AsyncSession, email: str) -> User:
    """Retrieve a user by email address."""
    query = select(User).where(User.email == email)
    result = await db.execute(query)
    return result.scalars().first()
'''

DOCSTRING_RULES = "STD402,STD403,STD404,STD405,STD406,STD407,STD408"


def test_process_user_data_passes_the_docstring_rules() -> None:
    """The documentation example is a correct Google docstring."""
    assert codes_of(PROCESS_USER_DATA, select=DOCSTRING_RULES) == []
    assert codes_of(PROCESS_USER_DATA, select="STD5") == []


def test_short_docstring_needs_no_sections() -> None:
    """A one-line docstring on a function returning a value passes."""
    assert codes_of(GET_USER_BY_EMAIL, select=DOCSTRING_RULES) == []
    assert codes_of(GET_USER_BY_EMAIL, select="STD5") == []


def test_user_create_full_name_is_an_implicit_optional() -> None:
    """``full_name: str = None`` is reported by STD503, at its line."""
    assert codes_of(USER_CREATE, select="STD503") == [(10, "STD503")]
