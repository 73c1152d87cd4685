"""What an admin reads about the whole company: aggregates and the import history."""
