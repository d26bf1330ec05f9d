"""`remiss serve`: a local preview of a project's documents as HTML."""
