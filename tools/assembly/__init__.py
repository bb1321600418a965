"""Assembly: shots, reels, the segment cache, stitching and the production API."""
