"""Pure media processing for asks: what a file is, checks, metadata stripping, face blurring
and the vertical clip. No Django models or views: the media app calls these functions from
its upload views and jobs (docs/media.md, "Processing").
"""
