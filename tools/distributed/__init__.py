"""Scene renders on a Ray cluster (``MICROFILM_RAY_ADDRESS``); see :mod:`.dispatch`."""
