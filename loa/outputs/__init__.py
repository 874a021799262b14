"""Everything a build produces, one module each, listed here in the order
they decorate a page (the share box comes after the help box) and write
what is left once the pages are written. Share images write before the
search index: on a large site this process draws its half of the images
while the other makes the index, then both write the index's files."""
from __future__ import annotations

from loa.outputs.broadcast import Broadcast
from loa.outputs.feeds import Feeds
from loa.outputs.glossary import Glossary
from loa.outputs.khmer import Khmer
from loa.outputs.media import Media
from loa.outputs.pages import Pages
from loa.outputs.recordings import Recordings
from loa.outputs.redirects import Redirects
from loa.outputs.review_page import ReviewPage
from loa.outputs.search_page import Search
from loa.outputs.share import Share
from loa.outputs.share_images import ShareImages
from loa.outputs.social_posts import Posts
from loa.outputs.withdrawn import Withdrawn

OUTPUTS = (Pages, Posts, Share, Redirects, Search, ShareImages, Media, Feeds, Withdrawn, ReviewPage, Khmer,
           Recordings, Glossary, Broadcast)
