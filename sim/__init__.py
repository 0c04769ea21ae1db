"""A Mesa agent-based model of Dutch caring communities: residents, volunteers, professionals and funders."""

__version__ = "0.1.0"
