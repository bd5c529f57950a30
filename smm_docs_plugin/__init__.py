"""smm-handbook: publish a social media strategy kept as Markdown in git."""

__version__ = "0.1.0"
