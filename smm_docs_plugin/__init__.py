"""smm-handbook: publish a social media strategy kept as Markdown in git."""

__version__ = "0.2.0"

#: Where the tool lives until a release is on a package index: installs pin a tag of it.
SOURCE_REPOSITORY = "https://github.com/smm-handbook/smm-handbook"


def install_spec(extras: str = "material") -> str:
    """The pip requirement that installs this very release from its git tag."""
    return f"smm-handbook[{extras}] @ git+{SOURCE_REPOSITORY}@v{__version__}"
