"""The review app's screens: the claims list and the review queue."""
