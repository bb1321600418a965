"""Sound: voices, music and the mix under each reel."""
