"""People around you: friends, blocks and mutes, cheers and comments on shared asks, reports,
moderation and in-app notifications. It reads shared asks; it never writes them."""
