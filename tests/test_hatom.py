"""Blog posts in hAtom / h-entry markup are the article, whatever the class names around them say."""

from boilerstrip import extract

_POST = (
    "Although the company's net sales grew by a quarter in the second quarter, gross profit fell"
    " by a point because promotional allowances rose faster than sales did."
)
_POST_2 = (
    "Management will deny it, but the recent publicity about the product has weighed on the"
    " shares, and the next quarter will show whether buyers stayed."
)
_PROFILE = (
    "Prior to founding this blog, I held equity analyst positions with three brokerage firms and"
    " published an investment newsletter for a decade. I write about filings that investors overlook,"
    " footnotes, proxies, insider sales, and the odd restatement, because numbers, in my view, tell"
    " more than press releases, conference calls, or the glossy reports that come with them."
    " Before that, I taught accounting, wrote for trade papers, and read annual reports for fun."
)


def test_a_post_inside_a_widget_box_is_kept():
    # A blog engine puts the post itself in a "widget" box, as it does the
    # sidebar's profile and archive: the widget that holds the hAtom entry
    # content is the post's column, the others are chrome.
    archive = "".join(f"<li><a href='/2012/{m:02d}'>2012/{m:02d} (3)</a></li>" for m in range(1, 13))
    html = f"""<html><body><div class="header"><h1>Filings Watch</h1></div>
      <div class="main"><div class="widget Blog" id="Blog1">
        <h2 class="date-header">Tuesday, November 06, 2012</h2>
        <div class="post hentry"><h3 class="post-title entry-title">A Stock Needs a Jolt</h3>
          <div class="post-body entry-content"><div>{_POST}</div><div>{_POST_2}</div></div>
          <div class="post-footer">Posted by A. Writer at 2:12 PM</div>
        </div></div></div>
      <div class="sidebar"><div class="widget Profile"><h2>About Me</h2><dl><dd>{_PROFILE}</dd></dl></div>
        <div class="widget BlogArchive"><h2>Blog Archive</h2><ul>{archive}</ul></div></div>
    </body></html>"""
    body = extract(html).body
    assert _POST in body
    assert _POST_2 in body
    assert "Prior to founding this blog" not in body
    assert "2012/05 (3)" not in body


def test_a_short_hentry_post_is_not_a_byline_box():
    # A CMS puts the author's slug on the post wrapper ("author-admin"); the
    # post is short enough for the byline rule's small-box limit, but an
    # hAtom entry is the article, not a byline.
    categories = "".join(f"<li><a href='/c/{i}'>Antivirus tools, part {i} ({i + 2})</a></li>" for i in range(30))
    html = f"""<html><body><div id="page"><div class="header"><p class="description">Phone software news</p></div>
      <div id="primary"><div class="hentry post author-admin" id="post-1050">
        <h2 class="entry-title">Phone Software Update v30.101</h2>
        <div class="entry-content"><p>The maker has just released the latest software update for the phone.
          It is available in the desktop updater.</p><p>The full changelog is not available yet.</p></div>
      </div></div>
      <div class="sidebar"><h3>Application categories</h3><ul>{categories}</ul></div>
    </div></body></html>"""
    body = extract(html).body
    assert "The maker has just released the latest software update for the phone." in body
    assert "The full changelog is not available yet." in body
    assert "Antivirus tools, part 3" not in body
