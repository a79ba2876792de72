"""A definition list of linked names with their descriptions (an API
reference's members, a manual's options) is content, not a box of links."""

from boilerstrip import extract

PROSE = (
    "<p>The connection object provides the API for creating and managing a socket connection to a server, "
    "as well as for sending and receiving data on the connection once it has been opened by the client.</p>"
    "<p>To construct a connection, give the constructor the address of the server to connect to; the object "
    "then reports each change of its state through the events listed further down this page.</p>"
)
MEMBERS = (
    "<h2>Instance properties</h2><dl>"
    "<dt><a href='/ref/conn/queuedBytes'><code>Connection.queuedBytes</code></a> <span>Read only</span></dt>"
    "<dd><p>The number of bytes of data queued but not yet transmitted.</p></dd>"
    "<dt><a href='/ref/conn/protocolName'><code>Connection.protocolName</code></a> <span>Read only</span></dt>"
    "<dd><p>The name of the sub-protocol the server selected.</p></dd>"
    "<dt><a href='/ref/conn/stateCode'><code>Connection.stateCode</code></a> <span>Read only</span></dt>"
    "<dd><p>The current state of the connection, as a number.</p></dd>"
    "</dl>"
)
SIDEBAR = (
    "<nav><dl><dt><a href='/ref/a'>Alpha</a></dt><dd><a href='/ref/a/1'>One</a> <a href='/ref/a/2'>Two</a></dd>"
    "<dt><a href='/ref/b'>Beta</a></dt><dd><a href='/ref/b/1'>Three</a> <a href='/ref/b/2'>Four</a></dd></dl></nav>"
)


def test_linked_terms_with_their_definitions_are_kept():
    html = f"<html><body>{SIDEBAR}<main><article><h1>Connection</h1>{PROSE}{MEMBERS}{PROSE}</article></main></body></html>"
    body = extract(html, url="https://example.org/docs/api/connection").body
    assert "Connection.queuedBytes" in body
    assert "Connection.stateCode" in body
    assert "The name of the sub-protocol the server selected." in body


def test_a_term_whose_definition_is_links_stays_a_link_box():
    links = (
        "<dl><dt><a href='/x/1'>Related guides and tutorials</a></dt>"
        "<dd><a href='/x/2'>Getting started with sockets</a> <a href='/x/3'>Writing a server</a></dd></dl>"
    )
    html = f"<html><body><main><article><h1>Connection</h1>{PROSE}{links}{PROSE}</article></main></body></html>"
    body = extract(html, url="https://example.org/docs/api/connection").body
    assert "Related guides and tutorials" not in body
