"""Photos and short videos on an ask: faces blurred, metadata stripped, a clip to post."""
