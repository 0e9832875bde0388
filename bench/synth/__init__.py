"""A synthetic corpus of press releases in the house style of the Hong Kong Government.

`world` holds the entities (people, posts and who holds them when, bodies, organisations,
zones), `releases` writes one release and its gold facts from templates, `files` lays the
releases out as page text, JSONL or CSV. Every name of a person is generated; posts, bureaux,
departments and zones are real ones, bodies are composed from real-sounding parts.
"""
