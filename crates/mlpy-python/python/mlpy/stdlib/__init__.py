"""Host extensions of the ML standard library (``mlpy.stdlib.registry``)."""
