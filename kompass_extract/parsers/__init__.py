"""One parser per content kind. Each takes lines (or text) and returns plain records."""
