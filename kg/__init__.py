"""ParkKG: knowledge graphs from Chinese industrial-park news."""
__version__ = "0.1.0"
