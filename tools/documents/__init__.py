"""Documents: the screenplay PDF and the download bundle."""
