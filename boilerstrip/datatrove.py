"""A DataTrove extractor step (the ``datatrove`` extra).

:class:`BoilerstripExtractor` drops in where DataTrove's ``Trafilatura``
step sits in a pipeline (e.g. the FineWeb one)::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from boilerstrip.datatrove import BoilerstripExtractor

    LocalPipelineExecutor(pipeline=[
        WarcReader("crawl/", glob_pattern="*.warc.gz"),
        BoilerstripExtractor(timeout=1.0),          # was: Trafilatura(favour_precision=True)
        JsonlWriter("out/"),
    ], tasks=2, workers=2).run()

Like every DataTrove extractor it replaces ``document.text`` (the page's
HTML) with the extracted body and drops documents whose body is empty; it
runs the extraction in DataTrove's sandbox process with a per-document
time limit. It also puts the article's metadata into ``document.metadata``
(see :data:`METADATA_FIELDS`), which the ``Trafilatura`` step cannot.
"""

from __future__ import annotations

from typing import Any, Optional

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from .api import extract
from .errors import BoilerstripError, InputError
from .options import Options

__all__ = ["BoilerstripExtractor", "METADATA_FIELDS"]

#: Article fields copied into ``document.metadata`` (when ``metadata=True``);
#: ``authors`` is a list of names, the others strings or ``None``.
METADATA_FIELDS = ("title", "authors", "date_published", "date_modified", "language", "sitename", "description")


class BoilerstripExtractor(BaseExtractor):  # type: ignore[misc]  # DataTrove is untyped here
    """DataTrove step: ``document.text`` (HTML) → boilerstrip's article body.

    Args:
        timeout: seconds per document (DataTrove's sandbox kills and
            replaces its process past it; the document is dropped and
            counted as ``timeout``).
        metadata: also store :data:`METADATA_FIELDS` in ``document.metadata``
            (the page URL, ``document.metadata["url"]``, is passed to
            :func:`boilerstrip.extract`).
        options: the extraction thresholds, an :class:`~boilerstrip.Options`
            (``None``: ``Options()``; e.g. ``Options.precision()``, the
            counterpart of ``Trafilatura(favour_precision=True)``). It is
            sent to the sandbox process with each document.

    Raises:
        InputError: ``options`` is not an :class:`~boilerstrip.Options`.

    Stats (DataTrove's): ``extracted``, ``timeout``, ``clean_error``
    (boilerstrip raised; the document is dropped), ``broken_process``,
    ``forwarded``, ``dropped`` (empty body).
    """

    name = "⛏ boilerstrip"
    _requires_dependencies = ["boilerstrip"]

    def __init__(self, timeout: float = 1.0, metadata: bool = True, options: Optional[Options] = None) -> None:
        if options is not None and not isinstance(options, Options):
            raise InputError(f"options must be a boilerstrip.Options, not {type(options).__name__}")
        super().__init__(timeout)
        self.metadata = metadata
        self.options = options

    def extract(self, text: str) -> str:
        """The article body of ``text`` (HTML); ``""`` when there is none.

        Raises:
            BoilerstripError: the input is not HTML.
        """
        return extract(text, options=self.options).body

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Extract every document of ``data`` in the sandbox; yield those
        with a non-empty body (DataTrove's ``BaseExtractor.run``, with the
        URL passed in and the metadata kept)."""
        with ExtractorSandbox(timeout=self.timeout, warmup_text=("", None, None)) as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    try:
                        fields = sandbox.process_document((doc.text, doc.metadata.get("url"), self.options), _fields)
                        self.stat_update("extracted")
                    except TimeoutError:
                        self.stat_update("timeout")
                        logger.warning(f"boilerstrip: {doc.id} timed out after {self.timeout} s; dropped")
                        continue
                    except EOFError:
                        self.stat_update("broken_process")
                        logger.warning(f"boilerstrip: the extraction process died on {doc.id}; dropped")
                        continue
                    except BoilerstripError as exc:
                        self.stat_update("clean_error")
                        logger.warning(f"boilerstrip: {doc.id}: {type(exc).__name__}: {exc}; dropped")
                        continue
                doc.text = fields["body"]
                if self.metadata:
                    doc.metadata.update({k: fields[k] for k in METADATA_FIELDS})
                if doc.text:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc
                else:
                    self.stat_update(StatHints.dropped)


def _fields(html: str, url: Optional[str], options: Optional[Options] = None) -> dict[str, Any] | BoilerstripError:
    """Run in DataTrove's sandbox process: the article as a dict, or the
    error, returned (the sandbox re-raises a returned exception in the
    parent; a raised one would kill its process)."""
    try:
        return extract(html, url=url, options=options).to_dict()
    except BoilerstripError as exc:
        return exc
