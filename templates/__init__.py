"""Jinja templates, shipped inside the wheel as bot.templates."""
