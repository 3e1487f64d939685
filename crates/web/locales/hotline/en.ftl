# Mayak user interface, English: The hotline: checks during a call, Viber and e-mail channels.
# Loaded after ../en.ftl; a key may be defined only once per language.
