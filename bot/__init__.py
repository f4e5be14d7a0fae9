"""todobot: keeps a release manager's weekly TODO post from the replies on its thread."""
