"""`remiss publish`: the public build as a static website."""
